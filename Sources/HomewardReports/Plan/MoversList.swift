import HomewardCore

/// Why a person is transferred, in the terms of HMPPS's prison transfer reasons (Book a Secure Move's
/// `prison_transfer_reasons`: progressive, isp_to_open, offending_behaviour_course, resettlement,
/// repatriation, security; and NOMIS's overcrowding draft `OVCROW` as capacity).
public enum TransferReason: String, Sendable, CaseIterable {
    /// To lower security, towards the person's own category (e.g. a Category C man from a B local to a C prison),
    /// or on from a reception prison to a training prison at the training stage of a sentence.
    case progressive
    /// Someone serving an indeterminate sentence (life or IPP) moving into open conditions, the step the
    /// Parole Board looks for before release: Book a Secure Move's "ISP to open".
    case ispToOpen = "isp_to_open"
    /// To an establishment that offers a programme the person's sentence plan calls for, which the one left
    /// does not: Book a Secure Move's "offending behaviour course".
    case offendingBehaviourCourse = "offending_behaviour_course"
    /// Near release, to an establishment in the home region or one that resettles.
    case resettlement
    /// Back to the home region from elsewhere.
    case repatriation
    /// Out of an establishment that is closed in the scenario or holds more than its operational capacity.
    case capacity
    /// The establishment left is designated below the person's category (e.g. recategorised from D to C).
    case security
    /// To keep the person apart from someone they must not be held with, who stays where they were (the
    /// plan's reason `non_association`). Book a Secure Move has no reason of its own for this: it is booked
    /// as `security` (NOMIS `SEC`, Security Reasons), and this value says which security moves these are.
    case nonAssociation = "non_association"
    case other

    /// The reason for one transfer. The rules are tried in this order, and the first that applies is given:
    /// 1. capacity: the source establishment is closed in the scenario, or now holds more people than its
    ///    operational capacity;
    /// 2. security: the source's security level (men: highest category held, A 4 to D 1; women: closed 2,
    ///    open 1) is below the person's category (men A 4 to D 1; women closed 2, open 1);
    /// 3. isp_to_open: the person serves an indeterminate sentence and moves from closed to open conditions;
    /// 4. progressive: the source's level is above the person's category and the destination's is lower than
    ///    the source's; or the person is at the training stage of a sentence and moves from a prison without
    ///    the training function (a reception or resettlement prison) to one with it (in Book a Secure Move,
    ///    the population management unit's bulk allocations out of the locals are these moves);
    /// 5. offending_behaviour_course: the destination offers a programme the person needs and the source does not;
    /// 6. resettlement: the person is within a year of release (pre-release or resettlement stage) and the
    ///    destination is in their home region or is a resettlement prison;
    /// 7. repatriation: the destination is in the person's home region and the source is not;
    /// 8. other (for example a move nearer the family within a region).
    /// - Parameters:
    ///   - category: the person's security category.
    ///   - stage: the person's sentence stage.
    ///   - from: the establishment left.
    ///   - to: the destination.
    ///   - homeRegion: the region of the person's home (or family) area.
    ///   - sourceOverCapacity: whether `from` holds more people now than its operational capacity.
    ///   - indeterminate: whether the person serves an indeterminate sentence.
    ///   - needs: the programmes the person's sentence plan calls for.
    public static func of(category: Category, stage: Stage, from: Establishment, to: Establishment, homeRegion: String,
                          sourceOverCapacity: Bool, indeterminate: Bool = false, needs: [String] = []) -> TransferReason {
        if from.isClosed || sourceOverCapacity { return .capacity }
        let fromLevel = securityLevel(from), toLevel = securityLevel(to)
        if category.level > fromLevel { return .security }
        if indeterminate && toLevel == 1 && fromLevel > 1 { return .ispToOpen }
        if category.level < fromLevel && toLevel < fromLevel { return .progressive }
        if stage == .training && to.functions.contains(.training) && !from.functions.contains(.training) { return .progressive }
        let offered = { (e: Establishment) in Set(e.interventions.map(\.name)) }
        if needs.contains(where: { offered(to).contains($0) && !offered(from).contains($0) }) { return .offendingBehaviourCourse }
        if (stage == .preRelease || stage == .resettlement)
            && (to.region == homeRegion || to.functions.contains(.resettlement)) {
            return .resettlement
        }
        if to.region == homeRegion && from.region != homeRegion { return .repatriation }
        return .other
    }

    /// Men's establishments: the highest category held (A 4 to D 1); women's: closed 2, open only 1.
    static func securityLevel(_ e: Establishment) -> Int {
        if e.sex == .female { return e.categories.contains(.womenClosed) ? 2 : 1 }
        return e.categories.highestMensLevel
    }
}

/// The week's movers list (issue #23), written by `allocate` when the population comes from an extract:
/// `movers.csv` (pid, from, to, reason) and `routes.csv` (from, to, people), for booking escorts.
///
/// These files are operational: they carry pseudonymous pids, so they go to the population management
/// unit and never into a published report (the assessment names no person).
public enum MoversList {
    public static let moverColumns = ["pid", "from", "to", "reason"]
    public static let routeColumns = ["from", "to", "people"]

    public struct Move: Sendable, Equatable {
        public var pid: PersonID
        public var from: PrisonCode
        public var to: PrisonCode
        public var reason: TransferReason
    }

    /// Every transfer in the plan (people moved from one establishment to another), in pid order.
    public static func moves(_ allocation: Allocation) -> [Move] {
        let f = allocation.formulation
        let estate = f.cost.estate
        let geography = f.cost.geography
        var holding = [Int](repeating: 0, count: estate.count)
        for p in f.population.prisoners { if let c = p.current, let i = estate.index(of: c) { holding[i] += 1 } }
        var result: [Move] = []
        for placement in allocation.plan.placements where placement.moved {
            let prisoner = f.population.prisoners[placement.prisoner]
            guard let current = prisoner.current, let from = estate.index(of: current), let to = placement.destination else { continue }
            let source = estate.establishments[from], destination = estate.establishments[to]
            let home = geography.index(of: prisoner.home).map { geography.authorities[$0].region } ?? ""
            let stage = f.profiles[f.profileOfPrisoner[placement.prisoner]].stage
            var reason = TransferReason.of(category: prisoner.category, stage: stage, from: source, to: destination, homeRegion: home,
                                           sourceOverCapacity: holding[from] > source.operationalCapacity,
                                           indeterminate: prisoner.cohorts.contains(.indeterminate), needs: prisoner.needs)
            if reason != .capacity, placement.reason == .keptApart(.movedAway) { reason = .nonAssociation }
            result.append(Move(pid: prisoner.id, from: source.code, to: destination.code, reason: reason))
        }
        return result.sorted { $0.pid < $1.pid }
    }

    /// `movers.csv`.
    public static func moversCSV(_ moves: [Move]) -> String {
        var out = TextBuffer(capacity: moves.count * 40 + 32)
        out.append(moverColumns.joined(separator: ",") + "\n")
        for m in moves {
            out.append(csvField(m.pid.rawValue) + "," + m.from.rawValue + "," + m.to.rawValue + "," + m.reason.rawValue + "\n")
        }
        return out.text
    }

    /// `routes.csv`: people per route, by source then destination.
    public static func routesCSV(_ moves: [Move]) -> String {
        var counts: [PrisonCode: [PrisonCode: Int]] = [:]
        for m in moves { counts[m.from, default: [:]][m.to, default: 0] += 1 }
        var out = TextBuffer(capacity: moves.count * 12 + 32)
        out.append(routeColumns.joined(separator: ",") + "\n")
        for from in counts.keys.sorted() {
            for (to, people) in counts[from]!.sorted(by: { $0.key < $1.key }) {
                out.append(from.rawValue + "," + to.rawValue + ",")
                out.append(people)
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out.text
    }
}
