import HomewardDomain
import HomewardInput

/// A scenario's estate changes at their dates, week by week (issue #22, item 2): before its date a change has
/// no effect; a closure then empties its establishment over a run-down, its capacity stepping down evenly to
/// zero; a new build is open from its date; a re-role or capacity change steps at its date. Every week's estate
/// has the same establishments in the same order as the changed estate (a new build holds no places before it
/// opens, a closed establishment none after), so a week's placements carry over to the next by index.
public struct ChangeSchedule: Sendable, Equatable {
    /// The documented default run-down of a closure, in weeks: a setting, not a sourced figure (closures are
    /// planned case by case; `simulate --run-down` sets it).
    public static let defaultRunDownWeeks = 8
    /// Weeks simulated before the earliest dated change when no start date is given, so that a run shows the
    /// estate before the change as well as after.
    public static let defaultLeadWeeks = 4

    /// The estate without the changes and with them (same order as `changed`, new builds last).
    public let base: Estate
    public let changed: Estate
    /// The day week 1 starts (days since 1 January 1970).
    public let startDay: Int
    public let runDownWeeks: Int
    /// Per change (in the scenario's order): its establishment, kind, and the first week it is in effect.
    public let entries: [Entry]

    public struct Entry: Sendable, Equatable {
        public var code: PrisonCode
        public var isClosure: Bool
        /// The first week the change is in effect (1 for an undated change or one dated on or before the start).
        public var week: Int
    }

    /// A schedule for `changes`, which turn `base` into `changed`.
    /// - Parameters:
    ///   - start: the ISO date week 1 starts; nil: ``defaultLeadWeeks`` before the earliest dated change.
    /// - Returns: nil if no change is dated (then every change applies from week 1, as an undated scenario asks).
    public init?(base: Estate, changed: Estate, changes: [EstateChange], start: String? = nil, runDownWeeks: Int = defaultRunDownWeeks) {
        let dated = changes.compactMap { $0.date.flatMap(ChangeSchedule.day) }
        guard let earliest = dated.min() else { return nil }
        self.base = base
        self.changed = changed
        self.runDownWeeks = max(runDownWeeks, 1)
        let startDay = start.flatMap(ChangeSchedule.day) ?? earliest - 7 * ChangeSchedule.defaultLeadWeeks
        self.startDay = startDay
        entries = changes.map { change in
            let day = change.date.flatMap(ChangeSchedule.day) ?? startDay
            // In effect from the first week that starts on or after its date.
            let week = day <= startDay ? 1 : (day - startDay + 6) / 7 + 1
            if case .close = change.kind { return Entry(code: change.code, isClosure: true, week: week) }
            return Entry(code: change.code, isClosure: false, week: week)
        }
    }

    /// The ISO date on which week `week` starts.
    public func date(ofWeek week: Int) -> String { ChangeSchedule.iso(startDay + 7 * (week - 1)) }

    /// The last week of the change window: the latest change's week, plus a closure's run-down.
    public var lastChangeWeek: Int {
        entries.map { $0.isClosure ? $0.week + runDownWeeks - 1 : $0.week }.max() ?? 1
    }

    /// The estate of week `week`.
    /// - Parameter held: people held at each establishment at the end of last week; an establishment running down
    ///   takes no one new (its capacity is at most what it held), so that it only empties.
    public func estate(week: Int, held: [PrisonCode: Int] = [:]) -> Estate {
        Estate(establishments: changed.establishments.map { e in
            let here = entries.filter { $0.code == e.code }
            guard !here.isEmpty else { return e }
            let first = here.map(\.week).min()!
            guard week >= first else {
                // Before its first change: as it is, or a new build not yet open.
                if let old = base.establishment(e.code) { return old }
                var unopened = e
                unopened.operationalCapacity = 0
                unopened.cna = 0
                unopened.isClosed = true
                return unopened
            }
            if let closure = here.first(where: \.isClosure), week < closure.week + runDownWeeks, var running = base.establishment(e.code) {
                // Run-down: capacity steps down evenly, to zero in the run-down's last week.
                let k = week - closure.week
                running.operationalCapacity = min(running.operationalCapacity * (runDownWeeks - 1 - k) / runDownWeeks,
                                                  held[e.code] ?? .max)
                running.cna = min(running.cna, running.operationalCapacity)
                return running
            }
            return e
        })
    }

    /// The window an assessment simulates: from ``defaultLeadWeeks`` before the earliest dated change to two weeks
    /// after the last one has taken effect (a closure's run-down included); when that is longer than `maxWeeks`,
    /// from ``defaultLeadWeeks`` before the change that takes effect last (earlier changes then apply from week 1).
    /// - Returns: the start date and the number of weeks, or nil if no change is dated.
    public static func window(changes: [EstateChange], runDownWeeks: Int, maxWeeks: Int) -> (start: String, weeks: Int)? {
        let dated = changes.compactMap { c -> (day: Int, end: Int)? in
            guard let day = c.date.flatMap(ChangeSchedule.day) else { return nil }
            if case .close = c.kind { return (day, day + 7 * runDownWeeks) }
            return (day, day)
        }
        guard let earliest = dated.map(\.day).min(), let last = dated.max(by: { $0.end < $1.end }) else { return nil }
        let lead = 7 * defaultLeadWeeks
        var start = earliest - lead
        if (last.end - start) / 7 + 2 > maxWeeks { start = last.day - lead }
        return (iso(start), min(maxWeeks, (last.end - start + 6) / 7 + 2))
    }

    // MARK: - Dates

    /// Days since 1 January 1970 of an ISO date `YYYY-MM-DD`, or nil.
    public static func day(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        // Days from civil (Howard Hinnant's algorithm).
        let y = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (parts[1] + 9) % 12
        let doy = (153 * mp + 2) / 5 + parts[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The ISO date of a day number.
    public static func iso(_ day: Int) -> String {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}
