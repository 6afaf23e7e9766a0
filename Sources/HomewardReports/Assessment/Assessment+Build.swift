import HomewardCore

extension Assessment {
    /// Visits a convicted person may receive in a year: two in every four weeks
    /// (Prison Rules 1999, r.35(2)(b)), 13 four-week periods.
    public static let statutoryVisitsPerYear = 26.0
    /// Help with Prison Visits car rate, pounds per mile (England and Wales).
    public static let assistedRatePerMile = 0.20
    /// HMRC approved mileage rate, pounds per mile: the full cost of car travel.
    public static let fullRatePerMile = 0.45
    /// Door-to-door average car speed assumed for travel time, miles per hour.
    public static let assumedSpeedMph = 40.0
    /// A change in a group's mean distance of at least this many miles counts as material.
    public static let materialMiles = 5.0
    /// A change in a share of at least this many percentage points counts as material.
    public static let materialShare = 0.02

    /// Builds the assessment from two allocations of the same people.
    public init(_ input: Input) {
        let d = input.disclosure
        let changes = input.scenario.changes
        let changedCodes = Set(changes.map(\.code))
        let people = input.people ?? PersonComparison.compare(before: input.before, after: input.after, changed: changedCodes)
        let affected = people.filter(\.isAffected)
        let estateBefore = input.before.formulation.cost.estate
        let estateAfter = input.after.formulation.cost.estate

        title = "Family impact assessment: \(input.scenario.name)"
        scenarioName = input.scenario.name
        question = input.scenario.question
        decision = input.scenario.decision
        decisionRecord = input.scenario.decisionRecord
        synthetic = input.synthetic
        disclosure = d
        version = HomewardVersion.string
        self.people = people.count
        self.affected = d.count(affected.count)
        let atChanged = affected.filter { p in
            p.fromCode.map(changedCodes.contains) ?? false || p.toCode.map(changedCodes.contains) ?? false
        }.count
        let split = d.table([atChanged, affected.count - atChanged])
        affectedAtChanged = split[0]
        affectedElsewhere = split[1]
        unplacedBefore = d.count(people.filter { $0.fromCode == nil }.count)
        unplacedAfter = d.count(people.filter { $0.toCode == nil }.count)

        self.changes = changes.map { change in
            Assessment.describe(change, before: estateBefore, after: estateAfter,
                                occupancyBefore: input.before.plan.occupancy, occupancyAfter: input.after.plan.occupancy)
        }

        // The three passes over everyone, two cores at a time: the same values as one after the other.
        let changed = self.changes
        let ((today, breakdowns), (distances, equality)) = concurrently({
            // Who is affected.
            (Assessment.today(people, changes: changed, disclosure: d), Assessment.breakdowns(people, disclosure: d))
        }, {
            let distances = Assessment.proximity(people, disclosure: d)
            return (distances, Assessment.equality(people, disclosure: d, proximity: distances))
        })
        self.today = today
        self.breakdowns = breakdowns
        proximity = Assessment.published(distances, in: breakdowns)
        bandsBefore = d.table(Assessment.bands(affected.compactMap(\.milesBefore)))
        bandsAfter = d.table(Assessment.bands(affected.compactMap(\.milesAfter)))
        (affectedMilesBefore, affectedMilesAfter) = Assessment.histogramValues(affected, disclosure: d)

        visits = Assessment.visits(affected, disclosure: d)
        (nearReleaseAffected, nearReleaseLoseHomeRegion, nearReleaseLoseWithin50) = Assessment.nearRelease(affected, disclosure: d)
        programmes = Assessment.programmes(people, before: estateBefore, after: estateAfter, disclosure: d)
        self.equality = Assessment.published(equality, in: breakdowns)
        familyTest = Assessment.familyTest(people: people, disclosure: d)
        mitigations = Assessment.mitigations(affected, changes: changes, disclosure: d)
        phasing = input.phasing.map { Assessment.phasing($0, disclosure: d) }

        runs = Assessment.runs(before: input.before, after: input.after)
        inputs = Assessment.publishable(input.inputs)
        policyText = PolicyLoader.write(input.before.formulation.cost.policy)
        distanceModel = Assessment.distanceModel(circuity: input.before.formulation.cost.policy.circuityFactor)
        assumptions = Assessment.assumptions()

        (flows, flowsHidden) = Assessment.flows(affected, before: estateBefore, after: estateAfter, disclosure: d)
        mapPoints = Assessment.mapPoints(before: estateBefore, after: estateAfter, changed: changedCodes)
        outline = input.outline
        outlineAttribution = input.outlineAttribution
        headline = []
        headline = Assessment.headline(self, people: people, affected: affected)
    }

    // MARK: - Pieces

    /// Distance from home, before and after, for everyone, the people affected and each group the report follows.
    static func proximity(_ people: [PersonComparison], disclosure d: Disclosure) -> [Proximity] {
        PersonGroup.proximity.map { group in
            let members = group.members(of: people)
            return Proximity(label: group.label, people: d.count(members.count),
                             before: Assessment.summary(members, after: false, disclosure: d),
                             after: Assessment.summary(members, after: true, disclosure: d))
        }
    }

    /// The proximity rows with each group's count as the breakdowns publish it, so that a count hidden there
    /// (secondary suppression) is not revealed here, and one label carries one count.
    static func published(_ rows: [Proximity], in breakdowns: [Breakdown]) -> [Proximity] {
        let shown = publishedRows(breakdowns)
        return rows.map { row in
            var row = row
            if let b = shown[row.label] { row.people = b.people }
            return row
        }
    }

    /// The equality rows with each group's counts as the breakdowns publish them.
    static func published(_ rows: [EqualityRow], in breakdowns: [Breakdown]) -> [EqualityRow] {
        let shown = publishedRows(breakdowns)
        return rows.map { row in
            var row = row
            if let b = shown[row.group] { (row.people, row.affected) = (b.people, b.affected) }
            return row
        }
    }

    /// Each breakdown row by its label (a label is one group, so its first row is as good as any).
    static func publishedRows(_ breakdowns: [Breakdown]) -> [String: Breakdown.Row] {
        var rows: [String: Breakdown.Row] = [:]
        for b in breakdowns { for row in b.rows where rows[row.label] == nil { rows[row.label] = row } }
        return rows
    }

    /// Of the people affected within a year of release: all of them, those no longer held in their home region,
    /// and those newly held more than 50 miles from home.
    static func nearRelease(_ affected: [PersonComparison], disclosure d: Disclosure)
        -> (affected: Disclosure.Count, loseHomeRegion: Disclosure.Count, loseWithin50: Disclosure.Count) {
        let near = PersonGroup.withinAYearOfRelease.members(of: affected)
        return (d.count(near.count),
                d.count(near.filter { $0.inHomeRegionBefore && !$0.inHomeRegionAfter }.count),
                d.count(near.filter { ($0.milesBefore ?? .infinity) <= 50 && ($0.milesAfter ?? .infinity) > 50 }.count))
    }

    /// The two solved runs, for the method section.
    static func runs(before: Allocation, after: Allocation) -> [Run] {
        let estateBefore = before.formulation.cost.estate, estateAfter = after.formulation.cost.estate
        return [("The estate as it is", before, estateBefore), ("The estate as changed", after, estateAfter)].map { label, run, estate in
            Run(label: label, solver: run.statistics.solver.rawValue, status: "optimal",
                objective: Double(run.solution.objective) / 100, dualObjective: run.solution.dualObjective.map { Double($0) / 100 },
                establishments: estate.establishments.filter(\.isAvailable).count,
                places: estate.establishments.filter(\.isAvailable).map(\.operationalCapacity).reduce(0, +))
        }
    }

    /// The inputs with paths fit to publish: the scenario by its file name, a file beside or below the scenario
    /// relative to it, any other file by its name (an absolute path names a user's folders). Descriptions of
    /// generated inputs ("synthetic: size 6000, seed 3") are kept.
    static func publishable(_ inputs: [InputFile]) -> [InputFile] {
        func name(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
        let scenario = inputs.first { $0.role == "scenario" }?.path
        let folder = scenario.flatMap { path in path.lastIndex(of: "/").map { String(path[..<$0]) + "/" } }
        return inputs.map { file in
            var file = file
            if file.role == "scenario" {
                file.path = name(file.path)
            } else if let folder, file.path.hasPrefix(folder) {
                file.path = String(file.path.dropFirst(folder.count))
            } else if file.path.contains("/"), !file.path.contains(": ") {
                file.path = name(file.path)
            }
            return file
        }
    }

    /// How distances are estimated, for the proximity section.
    static func distanceModel(circuity: Double) -> String {
        "Distances are estimated road distances: the straight-line (great-circle) distance from the centre of the person's home local authority to the prison's postcode, multiplied by \(Format.fixed(circuity, 2)) for the extra length of roads. Straight-line distances, the measure the Ministry of Justice publishes, are given alongside."
    }

    /// The assumptions behind the visit, cost and materiality figures.
    static func assumptions() -> [String] {
        [
            "Convicted people may receive two visits in every four weeks (Prison Rules 1999, rule 35): \(Format.fixed(Assessment.statutoryVisitsPerYear, 0)) visits a year, each a round trip by the family.",
            "Travel cost is shown at the Help with Prison Visits car rate of 20p a mile, and at HMRC's approved mileage rate of 45p a mile as the full cost of driving.",
            "Travel time assumes an average of \(Format.fixed(Assessment.assumedSpeedMph, 0)) mph door to door by car, between the Department for Transport's average speeds on local A roads (about 23 mph) and on motorways and trunk roads (about 57 mph).",
            "A change of at least \(Format.fixed(Assessment.materialMiles, 0)) miles in a group's average distance, or of \(Format.fixed(Assessment.materialShare * 100, 0)) percentage points in the share held within 50 miles, is treated as material.",
            "Both allocations use the same people, the same policy and the same solver; each is optimal. Where several allocations are equally good, the one that keeps the most people where they were is chosen, so that only real consequences of the change show as moves.",
        ]
    }

    static func summary(_ members: [PersonComparison], after: Bool, disclosure d: Disclosure) -> DistanceSummary? {
        // The people placed, in order: their road and straight-line distances, and how many are in their home region.
        var km: [Double] = [], straight: [Double] = [], inHomeRegion = 0
        km.reserveCapacity(members.count)
        straight.reserveCapacity(members.count)
        for p in members {
            guard let road = after ? p.kmAfter : p.kmBefore else { continue }
            km.append(road)
            straight.append((after ? p.straightKmAfter : p.straightKmBefore)!)
            if after ? p.inHomeRegionAfter : p.inHomeRegionBefore { inHomeRegion += 1 }
        }
        guard d.allows(people: km.count) else { return nil }
        let stats = DistanceStatistics(roadKm: km, straightKm: straight)
        let home = Double(inHomeRegion) / Double(km.count)
        return DistanceSummary(meanMiles: stats.meanMiles, medianMiles: stats.medianMiles, p90Miles: stats.p90Miles,
                               meanKm: stats.meanKm, medianKm: stats.medianKm, p90Km: stats.p90Km,
                               within50: stats.within50Miles, within100: stats.within100Miles, inHomeRegion: home,
                               meanStraightLineMiles: stats.meanStraightLineMiles)
    }

    /// Counts within 25, 25 to 50, 50 to 100, and over 100 miles.
    static func bands(_ miles: [Double]) -> [Int] {
        var counts = [0, 0, 0, 0]
        for m in miles {
            if m <= 25 { counts[0] += 1 } else if m <= 50 { counts[1] += 1 } else if m <= 100 { counts[2] += 1 } else { counts[3] += 1 }
        }
        return counts
    }

    /// Histogram width in miles, and the last bin's start.
    static let histogramBinMiles = 10.0
    static let histogramCapMiles = 200.0

    /// Distances for the histogram, leaving out people in bins of fewer than
    /// the disclosure threshold (a short bar would reveal a handful of people).
    static func histogramValues(_ affected: [PersonComparison], disclosure d: Disclosure) -> ([Double], [Double]) {
        func keep(_ values: [Double]) -> [Double] {
            // The chart's own bins, so that every bar drawn holds at least `threshold` people.
            var bins: [Int: Int] = [:]
            func bin(_ v: Double) -> Int {
                SVGChart.HistogramBins.bin(of: v, binWidth: histogramBinMiles, cap: histogramCapMiles) ?? -1
            }
            for v in values { bins[bin(v), default: 0] += 1 }
            return values.filter { d.allows(people: bins[bin($0)]!) }
        }
        return (keep(affected.compactMap(\.milesBefore)), keep(affected.compactMap(\.milesAfter)))
    }

    static func breakdowns(_ people: [PersonComparison], disclosure d: Disclosure) -> [Breakdown] {
        // Disjoint groups: each table's cells add up to the population, so a suppressed cell needs a second one hidden.
        func table(_ title: String, _ groups: [PersonGroup]) -> Breakdown {
            var everyone = [Int](repeating: 0, count: groups.count)
            var affected = [Int](repeating: 0, count: groups.count)
            for p in people {
                guard let k = groups.firstIndex(where: { $0.contains(p) }) else { continue }
                everyone[k] += 1
                if p.isAffected { affected[k] += 1 }
            }
            let shownEveryone = d.table(everyone)
            let shownAffected = d.table(affected)
            let rows = groups.indices.map { k in
                Breakdown.Row(label: groups[k].label, people: shownEveryone[k], affected: shownAffected[k],
                              shareAffected: shownAffected[k].value != nil && everyone[k] > 0
                                  ? Double(affected[k]) / Double(everyone[k]) : nil)
            }
            return Breakdown(title: title, rows: rows.filter { $0.people != .shown(0) })
        }
        func cohortTable() -> Breakdown {
            // Cohorts overlap, so no total: each row is suppressed on its own.
            Breakdown(title: "By cohort (people may be in more than one)", rows: PersonGroup.cohorts.map { group in
                // Counted, not listed.
                var members = 0, hit = 0
                for p in people where group.contains(p) {
                    members += 1
                    if p.isAffected { hit += 1 }
                }
                let shown = d.count(hit)
                return Breakdown.Row(label: group.label, people: d.count(members), affected: shown,
                                     shareAffected: shown.value != nil && members > 0 ? Double(hit) / Double(members) : nil)
            })
        }
        let regions = Array(Set(people.map(\.homeRegion))).filter { $0 != "Wales" }.sorted() + ["Wales"]
        return [
            table("By sex", [PersonGroup.men, PersonGroup.women]),
            table("By age", PersonGroup.ageBands),
            table("By security category", PersonGroup.categories),
            table("By sentence stage", PersonGroup.stages),
            cohortTable(),
            table("By home region of the family", regions.map(PersonGroup.homeRegion)),
        ]
    }

    static func visits(_ affected: [PersonComparison], disclosure d: Disclosure) -> Visits {
        let convicted = PersonGroup.convicted.members(of: affected)
        let both = convicted.filter { $0.milesChange != nil }
        let allowed = d.allows(people: both.count)
        let miles = both.reduce(0.0) { $0 + $1.milesChange! } * 2 * statutoryVisitsPerYear
        let hoursBefore = both.reduce(0.0) { $0 + 2 * $1.milesBefore! / assumedSpeedMph }
        let hoursAfter = both.reduce(0.0) { $0 + 2 * $1.milesAfter! / assumedSpeedMph }
        func crossing(_ limit: Double, outwards: Bool) -> Int {
            affected.filter { p in
                let before = p.milesBefore ?? .infinity, after = p.milesAfter ?? .infinity
                return outwards ? (before <= limit && after > limit) : (before > limit && after <= limit)
            }.count
        }
        return Visits(
            convictedAffected: d.count(convicted.count),
            familyMilesPerYearChange: allowed ? miles : nil,
            costChangeAssisted: allowed ? miles * assistedRatePerMile : nil,
            costChangeFull: allowed ? miles * fullRatePerMile : nil,
            visitHoursBefore: allowed ? hoursBefore / Double(both.count) : nil,
            visitHoursAfter: allowed ? hoursAfter / Double(both.count) : nil,
            newlyBeyond50: d.count(crossing(50, outwards: true)), broughtWithin50: d.count(crossing(50, outwards: false)),
            newlyBeyond100: d.count(crossing(100, outwards: true)), broughtWithin100: d.count(crossing(100, outwards: false)))
    }

    static func programmes(_ people: [PersonComparison], before: Estate, after: Estate, disclosure d: Disclosure) -> [Programme] {
        let names = Array(Set(before.interventionNames + after.interventionNames)).sorted()
        return names.map { name in
            func sites(_ estate: Estate) -> [String] {
                estate.establishments.filter { $0.isAvailable && $0.offer(of: name) != nil }.map(\.code.rawValue)
            }
            let needing = people.filter { $0.prisoner.needs.first == name }
            return Programme(name: Assessment.programmeName(name), sitesBefore: sites(before), sitesAfter: sites(after), people: d.count(needing.count),
                             metBefore: d.count(needing.filter { $0.needMetBefore == true }.count),
                             metAfter: d.count(needing.filter { $0.needMetAfter == true }.count))
        }
    }

    /// The equality groups' rows; a group's distances are taken from its `proximity` row where it has one (the
    /// same figures of the same people), rather than worked out again.
    static func equality(_ people: [PersonComparison], disclosure d: Disclosure, proximity: [Proximity] = []) -> [EqualityRow] {
        let groups: [(PersonGroup, String)] = [
            (.women, "Sex"), (.men, "Sex"), (.youngAdults, "Age"), (.aged50OrOver, "Age"),
            (.foreignNationals, "Race (nationality)"),
            (.familiesInWales, "Place (not a protected characteristic; Wales has no women's prison)"),
            (.everyone, "All"),
        ]
        return groups.map { group, characteristic in
            let known = proximity.first { $0.label == group.label }
            // One pass: the group's size, its people affected and their changes in order, and its members listed
            // only where their distances are not known already.
            var count = 0, hit = 0
            var changes: [Double] = []
            var members: [PersonComparison] = []
            for p in people where group.contains(p) {
                count += 1
                if known == nil { members.append(p) }
                guard p.isAffected else { continue }
                hit += 1
                if let change = p.milesChange { changes.append(change) }
            }
            let before = known.map(\.before) ?? summary(members, after: false, disclosure: d)
            let after = known.map(\.after) ?? summary(members, after: true, disclosure: d)
            return EqualityRow(group: group.label, characteristic: characteristic, people: d.count(count),
                               affected: d.count(hit),
                               meanChangeMilesAffected: d.allows(people: changes.count) ? changes.reduce(0, +) / Double(changes.count) : nil,
                               within50Before: before?.within50, within50After: after?.within50)
        }
    }

    static func mitigations(_ affected: [PersonComparison], changes: [EstateChange], disclosure d: Disclosure) -> [Mitigation] {
        let further50 = affected.filter { ($0.milesAfter ?? 0) > 50 && ($0.milesChange ?? 0) > 0 }
        let nearRelease = PersonGroup.withinAYearOfRelease.members(of: further50)
        let beyond100 = affected.filter { ($0.milesAfter ?? 0) > 100 }
        let releasedSoon = affected.filter { ($0.prisoner.daysToRelease ?? Int.max) <= 84 }
        var list = [
            Mitigation(title: "Repatriation at the earliest opportunity", basis: "Farmer Review recommendation 17.1",
                       people: d.count(nearRelease.count),
                       text: "People within a year of release who would be held more than 50 miles from home and further than before. Plan their return to a prison in their home region first."),
            Mitigation(title: "Virtual visits", basis: "Farmer Review recommendation 19",
                       people: d.count(beyond100.count),
                       text: "People affected who would be held more than 100 miles from home. Offer their families video calls, so that distance does not end contact."),
            Mitigation(title: "Accumulated visits", basis: "Prison Service practice; R (Hawke) v SSJ [2015] EWHC 3599 (Admin)",
                       people: d.count(further50.count),
                       text: "People affected who would be held further away and more than 50 miles from home. Offer temporary transfers nearer home to take saved visits."),
            Mitigation(title: "Phasing: let release come first", basis: "Phasing of transfers",
                       people: d.count(releasedSoon.count),
                       text: "People affected who are due for release within 12 weeks. Leave them where they are until release, if the change can be phased."),
        ]
        let dated = changes.compactMap(\.date)
        if !dated.isEmpty {
            list.append(Mitigation(title: "Phasing by date", basis: "The scenario's dates", people: d.count(affected.count),
                                   text: "The changes take effect on \(Array(Set(dated)).sorted().map(Assessment.longDate).joined(separator: ", ")). Move people in the order of the dates, those nearest release last."))
        }
        return list
    }
}
