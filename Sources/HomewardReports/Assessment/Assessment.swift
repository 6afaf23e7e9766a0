import HomewardCore

/// A family impact assessment of an estate change: every figure of the
/// published report, already subject to disclosure control. Built by
/// ``Assessment/init(_:)``; rendered as HTML, Markdown and JSON.
public struct Assessment: Sendable {
    /// What the assessment is computed from.
    public struct Input: Sendable {
        public var scenario: Scenario
        public var synthetic: Bool
        public var inputs: [InputFile]
        /// The allocation of the estate as it is.
        public var before: Allocation
        /// The allocation of the estate as changed (same people, same policy).
        public var after: Allocation
        public var disclosure: Disclosure
        /// The coastline and borders for the map (may be empty).
        public var outline: [OutlineRing]
        public var outlineAttribution: String
        /// The weekly simulations of the change's window, with and without the change (nil: none run).
        public var phasing: Phasing.Input?
        /// The people compared person by person (``PersonComparison/compare(before:after:changed:)`` with the
        /// scenario's changed establishments), when the caller has them already; nil: compared here.
        public var people: [PersonComparison]?

        public init(scenario: Scenario, synthetic: Bool, inputs: [InputFile], before: Allocation, after: Allocation,
                    disclosure: Disclosure, outline: [OutlineRing] = [], outlineAttribution: String = "", phasing: Phasing.Input? = nil,
                    people: [PersonComparison]? = nil) {
            self.phasing = phasing
            self.people = people
            self.scenario = scenario
            self.synthetic = synthetic
            self.inputs = inputs
            self.before = before
            self.after = after
            self.disclosure = disclosure
            self.outline = outline
            self.outlineAttribution = outlineAttribution
        }
    }

    /// One changed establishment, before and after.
    public struct ChangedEstablishment: Sendable {
        public var code: String
        public var name: String
        public var region: String
        public var description: String
        public var date: String?
        public var roleBefore: String
        public var roleAfter: String
        public var heldBefore: Int
        public var heldAfter: Int
    }

    /// A breakdown of the people affected by one characteristic.
    public struct Breakdown: Sendable {
        public struct Row: Sendable {
            public var label: String
            /// Everyone with this characteristic.
            public var people: Disclosure.Count
            public var affected: Disclosure.Count
            /// Affected as a share of everyone with the characteristic (nil if suppressed).
            public var shareAffected: Double?
        }

        public var title: String
        public var rows: [Row]
    }

    /// Distance from home for one group, before and after.
    public struct Proximity: Sendable {
        public var label: String
        public var people: Disclosure.Count
        public var before: DistanceSummary?
        public var after: DistanceSummary?
    }

    /// Distance statistics in miles (suppressed as a whole when the group is small).
    public struct DistanceSummary: Sendable {
        public var meanMiles: Double
        public var medianMiles: Double
        public var p90Miles: Double
        public var meanKm: Double
        public var medianKm: Double
        public var p90Km: Double
        public var within50: Double
        public var within100: Double
        public var inHomeRegion: Double
        public var meanStraightLineMiles: Double
    }

    /// Visits and family travel.
    public struct Visits: Sendable {
        /// Convicted people affected (the statutory entitlement applies to them).
        public var convictedAffected: Disclosure.Count
        /// Change in family travel per year, miles (two visits in four weeks, round trips).
        public var familyMilesPerYearChange: Double?
        public var costChangeAssisted: Double?
        public var costChangeFull: Double?
        /// Mean round-trip travel time per visit for affected convicted people, hours.
        public var visitHoursBefore: Double?
        public var visitHoursAfter: Double?
        public var newlyBeyond50: Disclosure.Count
        public var broughtWithin50: Disclosure.Count
        public var newlyBeyond100: Disclosure.Count
        public var broughtWithin100: Disclosure.Count
    }

    /// One of the Family Test's five questions, answered from the data.
    public struct FamilyTestAnswer: Sendable {
        public enum Rating: String, Sendable {
            case positive, neutral, negative
            case notAssessable = "not assessable from these data"
        }

        /// A figure about a group that an answer rests on.
        public struct Basis: Sendable, Equatable {
            public var group: String
            public var figure: String
        }

        public var number: Int
        public var question: String
        public var rating: Rating
        public var evidence: String
        /// The rule behind the rating.
        public var rule: String
        /// What the data cannot see, and what data would answer the question.
        public var limits: String
        /// The figures the answer rests on (none when it is not assessable).
        public var basis: [Basis]
    }

    /// Programme provision before and after.
    public struct Programme: Sendable {
        public var name: String
        public var sitesBefore: [String]
        public var sitesAfter: [String]
        /// People whose first-listed need it is.
        public var people: Disclosure.Count
        public var metBefore: Disclosure.Count
        public var metAfter: Disclosure.Count
    }

    /// An equality group (Public Sector Equality Duty, Equality Act 2010 s.149).
    public struct EqualityRow: Sendable {
        public var group: String
        public var characteristic: String
        public var people: Disclosure.Count
        public var affected: Disclosure.Count
        public var meanChangeMilesAffected: Double?
        public var within50Before: Double?
        public var within50After: Double?
    }

    /// One mitigation with the number of people it concerns.
    public struct Mitigation: Sendable {
        public var title: String
        public var basis: String
        public var people: Disclosure.Count
        public var text: String
    }

    /// A solved run, for the method section.
    public struct Run: Sendable {
        public var label: String
        public var solver: String
        public var status: String
        public var objective: Double
        public var dualObjective: Double?
        public var establishments: Int
        public var places: Int
    }

    /// A flow of moved people between two establishments, for the map.
    public struct Flow: Sendable {
        public var from: String
        public var to: String
        public var count: Int
        public var fromLatitude: Double
        public var fromLongitude: Double
        public var toLatitude: Double
        public var toLongitude: Double
    }

    /// An establishment on the map.
    public struct MapPoint: Sendable {
        public var code: String
        public var name: String
        public var latitude: Double
        public var longitude: Double
        public var places: Int
        public var state: String
    }

    public var title: String
    public var scenarioName: String
    public var question: String
    public var decision: String?
    /// The decision-maker's parts (section 10); a missing part is shown as "to be completed".
    public var decisionRecord: DecisionRecord
    public var synthetic: Bool
    public var disclosure: Disclosure
    public var changes: [ChangedEstablishment]
    public var headline: [String]
    public var people: Int
    public var affected: Disclosure.Count
    public var affectedAtChanged: Disclosure.Count
    public var affectedElsewhere: Disclosure.Count
    public var unplacedBefore: Disclosure.Count
    public var unplacedAfter: Disclosure.Count
    /// Where people are held today, and where the changed estate would hold them.
    public var today: Today
    public var breakdowns: [Breakdown]
    public var proximity: [Proximity]
    /// Distance bands (within 25, 25-50, 50-100, over 100 miles) of the people affected.
    public var bandsBefore: [Disclosure.Count]
    public var bandsAfter: [Disclosure.Count]
    public var visits: Visits
    public var familyTest: [FamilyTestAnswer]
    public var nearReleaseAffected: Disclosure.Count
    public var nearReleaseLoseHomeRegion: Disclosure.Count
    public var nearReleaseLoseWithin50: Disclosure.Count
    public var programmes: [Programme]
    public var equality: [EqualityRow]
    public var mitigations: [Mitigation]
    /// How the change would happen, week by week (nil if no simulation was run).
    public var phasing: Phasing?
    /// The figures' range over several synthetic populations (nil: one population).
    public var draws: Draws?
    public var runs: [Run]
    public var inputs: [InputFile]
    public var policyText: String
    public var distanceModel: String
    public var assumptions: [String]
    public var flows: [Flow]
    public var flowsHidden: Int
    public var mapPoints: [MapPoint]
    public var outline: [OutlineRing]
    public var outlineAttribution: String
    /// Miles from home of the people affected, for the histogram (empty if too few to publish).
    public var affectedMilesBefore: [Double]
    public var affectedMilesAfter: [Double]
    public var version: String
}

/// Homeward's version, stated in reports.
public enum HomewardVersion {
    public static let string = "0.1.0"
}
