/// The week's constraints (``WeekConstraints``) looked up by person: who is
/// held, who is locked, who may move, and what kind of place each needs.
/// Built once per population; the model and its explanations read it.
public struct WeekIndex: Sendable {
    /// The first hold listed for each person (a hold outranks a lock).
    public let holds: [PersonID: Hold]
    /// The first lock listed for each person.
    public let locks: [PersonID: Lock]
    /// The people the unit is willing to move; nil means everyone.
    public let movers: Set<PersonID>?
    public let placeNeeds: [PersonID: PlaceNeeds]

    public init(_ week: WeekConstraints) {
        var holds: [PersonID: Hold] = [:]
        for hold in week.holds where holds[hold.person] == nil { holds[hold.person] = hold }
        var locks: [PersonID: Lock] = [:]
        for lock in week.locks where locks[lock.person] == nil { locks[lock.person] = lock }
        self.holds = holds
        self.locks = locks
        movers = week.movers
        placeNeeds = week.placeNeeds
    }

    /// What the week fixes about `prisoner`. A hold keeps a person held now
    /// where they are (and outranks a lock); a lock places them at its prison;
    /// someone held now who is not on the movers list (when there is one)
    /// stays where they are. A new reception (nobody holds them yet) is never
    /// kept "where they are": a hold or the movers list leaves them free.
    public func fixed(_ prisoner: Prisoner) -> Profile.Fixed {
        if prisoner.current != nil && holds[prisoner.id] != nil { return .stays }
        if let lock = locks[prisoner.id] { return .locked(lock.prison) }
        if prisoner.current != nil, let movers, !movers.contains(prisoner.id) { return .stays }
        return .free
    }

    /// The kinds of place `prisoner` needs.
    public func needs(_ prisoner: Prisoner) -> PlaceNeeds { placeNeeds[prisoner.id] ?? [] }

    /// Why `prisoner` is fixed, in plain words for plan.csv and explanations;
    /// nil if they are free.
    public func explanation(_ prisoner: Prisoner) -> String? {
        switch fixed(prisoner) {
        case .free: return nil
        case .stays:
            if let hold = holds[prisoner.id] {
                return "held: \(hold.kind.rawValue)" + (hold.until.map { " until \($0)" } ?? "") + " (\(hold.origin))"
            }
            return "not on this week's movers list"
        case let .locked(prison):
            let reason = locks[prisoner.id].map(\.reason) ?? ""
            return "locked to \(prison)" + (reason.isEmpty ? "" : ": \(reason)") + " (locks.csv)"
        }
    }
}
