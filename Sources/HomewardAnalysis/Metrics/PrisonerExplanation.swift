import HomewardDomain
import HomewardInput
import HomewardModel

/// Every establishment ranked for one person, with the cost of each and the
/// rules that exclude the rest: the "why here?" of an allocation.
public struct PrisonerExplanation: Sendable {
    public struct Option: Sendable {
        public var establishment: Int
        public var cost: CostBreakdown
        public var roadKm: Double
        /// The capacity shadow price there (points saved by one more place).
        public var shadowPrice: Double?
        public var isCurrent: Bool
        public var isChosen: Bool
    }

    public struct Excluded: Sendable {
        public var establishment: Int
        public var reasons: [Exclusion]
    }

    public let prisoner: Prisoner
    public let stage: Stage
    public let options: [Option]
    public let excluded: [Excluded]
    public let placement: Placement

    /// Explains the placement of person `index` (population order) in `allocation`.
    public init(allocation: Allocation, prisoner index: Int) {
        let f = allocation.formulation
        let estate = f.cost.estate
        let profile = f.profiles[f.profileOfPrisoner[index]]
        prisoner = f.population.prisoners[index]
        stage = profile.stage
        placement = allocation.plan.placements[index]
        let current = prisoner.current.flatMap { estate.index(of: $0) }
        var options: [Option] = []
        var excluded: [Excluded] = []
        for (e, establishment) in estate.establishments.enumerated() {
            let reasons = Rules.exclusions(profile, at: establishment, usableCapacity: f.usableCapacity[e],
                                           isCurrent: current == e, policy: f.cost.policy)
            if !reasons.isEmpty {
                if establishment.isInScope { excluded.append(Excluded(establishment: e, reasons: reasons)) }
                continue
            }
            var cost = f.cost.placement(profile, at: e)
            if current != nil && current != e { cost.move = f.cost.moveCost }
            if e == placement.destination { cost = placement.cost }
            options.append(Option(
                establishment: e, cost: cost, roadKm: f.cost.distances.km(profile.home, e),
                shadowPrice: e < allocation.solution.capacityValue.count ? allocation.solution.capacityValue[e] : nil,
                isCurrent: current == e, isChosen: placement.destination == e))
        }
        self.options = options.sorted {
            $0.cost.total != $1.cost.total ? $0.cost.total < $1.cost.total : estate.establishments[$0.establishment].code < estate.establishments[$1.establishment].code
        }
        self.excluded = excluded
    }

    /// A plain-text report for the terminal.
    public func text(estate: Estate, geography: Geography) -> String {
        let home = geography.authority(prisoner.home)
        var out = "Person \(prisoner.id): \(prisoner.sex.rawValue), age \(prisoner.age), category \(prisoner.category.rawValue), \(stage.phrase)\n"
        out += "Home area: \(home?.name ?? prisoner.home.rawValue) (\(home?.region ?? "?"))"
        out += "; held now at \(prisoner.current?.rawValue ?? "none (new reception)")\n"
        if !prisoner.needs.isEmpty { out += "Programmes needed: \(prisoner.needs.joined(separator: ", "))\n" }
        let destination = placement.destination.map { estate.establishments[$0].code.rawValue } ?? "unplaced"
        out += "Plan: \(destination) — \(placement.reason.text)\n\n"
        out += "Establishments that may hold this person, cheapest first (costs in points):\n"
        out += pad("", 2) + pad("code", 6) + pad("name", 34) + padLeft("km", 7) + padLeft("miles", 7) + padLeft("total", 10)
        out += padLeft("family", 9) + padLeft("region", 8) + padLeft("move", 7) + padLeft("stage", 7) + padLeft("secur.", 8)
        out += padLeft("progr.", 8) + padLeft("crowd", 7) + padLeft("value of a place", 18) + "\n"
        for (rank, option) in options.enumerated() {
            let e = estate.establishments[option.establishment]
            let mark = option.isChosen ? "→ " : (option.isCurrent ? "· " : "  ")
            out += mark + pad(e.code.rawValue, 6) + pad(String(e.name.prefix(33)), 34)
            out += padLeft(Format.fixed(option.roadKm, 0), 7) + padLeft(Format.fixed(option.roadKm / DistanceTable.kmPerMile, 0), 7)
            out += padLeft(Format.points(option.cost.total), 10) + padLeft(Format.points(option.cost.familyDistance), 9)
            out += padLeft(Format.points(option.cost.outOfHomeRegion), 8) + padLeft(Format.points(option.cost.move), 7)
            out += padLeft(Format.points(option.cost.functionMismatch), 7) + padLeft(Format.points(option.cost.overSecurity), 8)
            out += padLeft(Format.points(option.cost.unmetIntervention), 8) + padLeft(Format.points(option.cost.crowding), 7)
            out += padLeft(option.shadowPrice.map { Format.fixed($0, 2) } ?? "-", 18) + "\n"
            if rank == 29 && options.count > 31 {
                out += "  … \(options.count - 30) more\n"
                break
            }
        }
        out += "\n→ the plan's choice; · where the person is now. A cheaper establishment is passed over only when it is full:\n"
        out += "its \"value of a place\" is what one more place there would save the whole estate.\n"
        if !excluded.isEmpty {
            out += "\nExcluded by the rules:\n"
            for item in excluded {
                let e = estate.establishments[item.establishment]
                out += "  " + pad(e.code.rawValue, 6) + pad(String(e.name.prefix(33)), 34) + item.reasons.map(\.description).joined(separator: "; ") + "\n"
            }
        }
        return out
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
