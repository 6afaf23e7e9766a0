import HomewardDomain

/// A scenario file: which estate, population and policy to allocate, and the
/// estate changes to assess. Paths are as written, relative to the scenario file.
public struct Scenario: Sendable, Equatable {
    /// Where the population comes from.
    public enum PopulationSource: Sendable, Equatable {
        case file(String)
        /// A synthetic population generated from published aggregates.
        case synthetic(size: Int, seed: UInt64)
        /// An HMPPS-shaped extract folder (docs/EXTRACT.md), with the week's constraints.
        case extract(String)
    }

    /// Non-associations made up for a stress test or a benchmark (`population.synth.non_associations`):
    /// `count` pairs from ``StressNonAssociations`` with `seed`, added to a synthetic population's week.
    public struct StressPairs: Sendable, Equatable {
        public var count: Int
        public var seed: UInt64

        public init(count: Int, seed: UInt64) {
            self.count = count
            self.seed = seed
        }
    }

    /// Where the policy comes from.
    public enum PolicySource: Sendable, Equatable {
        case standard
        case file(String)
        case inline(Policy)
    }

    public var name: String
    /// The question the scenario answers, in one line.
    public var question: String
    /// The decision an assessment supports (for the report's summary).
    public var decision: String?
    /// The decision-maker's parts of an assessment (a `decision:` block); empty when the scenario has none.
    public var decisionRecord: DecisionRecord
    public var estate: String
    public var geography: String?
    public var calibration: String?
    public var postcodeDistricts: String?
    /// An optional distance matrix (`lad_code,establishment,distance_km`).
    public var distanceMatrix: String?
    public var population: PopulationSource
    /// Stress non-associations added to a synthetic population (nil: none).
    public var stressNonAssociations: StressPairs?
    public var policy: PolicySource
    public var changes: [EstateChange]
    /// Counts below this are suppressed in published reports.
    public var suppressBelow: Int
    /// Synthetic populations an assessment is run on by default (`report.draws`; `assess --draws` overrides it).
    public var draws: Int = 1

    public init(name: String, question: String, decision: String? = nil, estate: String, geography: String? = nil,
                calibration: String? = nil, postcodeDistricts: String? = nil, distanceMatrix: String? = nil,
                population: PopulationSource, policy: PolicySource = .standard, changes: [EstateChange] = [],
                suppressBelow: Int = 5) {
        self.name = name
        self.question = question
        self.decision = decision
        self.decisionRecord = DecisionRecord(considered: decision)
        self.estate = estate
        self.geography = geography
        self.calibration = calibration
        self.postcodeDistricts = postcodeDistricts
        self.distanceMatrix = distanceMatrix
        self.population = population
        self.policy = policy
        self.changes = changes
        self.suppressBelow = suppressBelow
    }
}
