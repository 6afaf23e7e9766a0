import Foundation
import HomewardDomain
import HomewardInput
import HomewardModel
import LinearProgramming

/// One change applied to every eligible establishment in turn (or, for
/// `close-pairs`, to every pair of them), each scenario allocated optimally
/// with the same people and policy, so that the establishments can be ranked
/// by what the change would do for families.
///
/// Work is shared between scenarios. Closures and capacity changes alter only
/// the capacities of an establishment's capacity arcs, so every such scenario
/// is the base network with a few capacities changed: it is re-solved from the
/// base solve's spanning-tree basis (a warm start), and its plan is read back
/// through the base formulation. A re-role changes which people may enter the
/// establishment and at what cost, so each re-role builds its own network and
/// solves it cold (see `isWarm` in the outcomes).
public struct Sweep: Sendable {
    /// The kind of change swept.
    public enum Change: Sendable, Equatable, CustomStringConvertible {
        case close
        /// Two establishments closed together: every pair of the eligible ones.
        case closePairs
        case capacity(Int)
        case rerole

        public var description: String {
            switch self {
            case .close: return "close"
            case .closePairs: return "close-pairs"
            case let .capacity(n): return "capacity+\(n)"
            case .rerole: return "rerole"
            }
        }

        /// Parses `close`, `close-pairs`, `rerole` or `capacity+N` (N from 1 to 10,000).
        public init?(argument: String) {
            switch argument {
            case "close": self = .close
            case "close-pairs": self = .closePairs
            case "rerole": self = .rerole
            default:
                guard argument.hasPrefix("capacity+"), let n = Int(argument.dropFirst("capacity+".count)),
                      (1...10_000).contains(n) else { return nil }
                self = .capacity(n)
            }
        }
    }

    /// One scenario of the sweep.
    public struct Case: Sendable, Equatable {
        /// The establishments changed, in estate order: one, or two for a pair.
        public var codes: [PrisonCode]
        /// Their names, joined with " and " for a pair.
        public var name: String
        /// E.g. "close", "+50 places", "re-role as training", "close both".
        public var label: String
        /// The changes as a scenario would state them (so that the case can be run alone).
        public var changes: [EstateChange]

        /// The establishment's code, or a pair's codes joined with "+" (as the reports name it).
        public var code: String { codes.map(\.rawValue).joined(separator: "+") }
    }

    /// The result of one scenario.
    public struct Outcome: Sendable, Equatable, Codable {
        public var caseIndex: Int
        public var objective: Int64
        public var dualObjective: Int64?
        public var placed: Int
        public var unplaced: Int
        public var moves: Int
        public var meanMiles: Double
        public var within50: Double
        public var inHomeRegion: Double
        public var isWarm: Bool
        public var pivots: Int
        public var seconds: Double
    }

    public let change: Change
    public let estate: Estate
    public let geography: Geography
    public let population: Population
    public let policy: Policy
    public let distances: DistanceTable
    /// The estate as it is, solved; its basis starts the warm scenarios.
    public let base: Allocation
    public let baseOutcome: Outcome
    /// The establishments the change was limited to, in code order, or nil for all.
    public let among: [PrisonCode]?
    public private(set) var cases: [Case]
    /// The indices of the cases this sweep runs, in case order: all of them, or one shard's slice.
    public private(set) var selection: [Int]
    /// Whether scenarios start from the base basis (closures and capacity changes on the base
    /// formulation's arcs; re-roles carried over to their own arcs by ``Formulation/correspondence(from:)``)
    /// or cold. Both use partial pricing.
    public var warmStart = true
    /// The clock and the threads the scenarios run on.
    public let runtime: Runtime
    let baseStart: WarmStart?

    /// Solves the instance's (changed) estate as the base and lists the scenarios.
    /// - Parameter among: the establishments the change may apply to (nil: all of them).
    /// - Throws: ``AllocationError``, as ``init(change:estate:geography:population:policy:distances:among:runtime:)``.
    public init(change: Change, instance: ProblemInstance, among: Set<PrisonCode>? = nil,
                runtime: Runtime = .inline) throws(AllocationError) {
        try self.init(change: change, estate: instance.estate, geography: instance.geography, population: instance.population,
                      policy: instance.policy, distances: instance.distances, among: among, runtime: runtime)
    }

    /// Solves the base estate and lists the scenarios.
    /// - Parameter among: the establishments the change may apply to (nil: all of them); a pair needs both in it.
    /// - Throws: ``AllocationError`` if the base cannot be solved, or if the policy has
    ///   side constraints (a moves limit), which the sweep's network re-solves cannot carry.
    public init(change: Change, estate: Estate, geography: Geography, population: Population, policy: Policy,
                distances: DistanceTable, among: Set<PrisonCode>? = nil, runtime: Runtime = .inline) throws(AllocationError) {
        self.change = change
        self.estate = estate
        self.geography = geography
        self.population = population
        self.policy = policy
        self.distances = distances
        self.among = among?.sorted { $0.rawValue < $1.rawValue }
        self.runtime = runtime
        let started = runtime.now()
        let formulation = Formulation(estate: estate, geography: geography, population: population, policy: policy, distances: distances)
        guard formulation.isPureNetwork else { throw .sideConstraintsNeedGLPK }
        let report = try AllocationSolver.solve(formulation, with: .network)
        base = Allocation(formulation: formulation, solution: try report.optimal("the estate as it is"), statistics: report.statistics)
        baseStart = report.warmStart
        baseOutcome = Sweep.outcome(of: base, caseIndex: -1, warm: false, pivots: report.statistics.iterations ?? 0,
                                    seconds: runtime.seconds(since: started))
        cases = Sweep.cases(change, estate: estate, formulation: formulation, among: among)
        selection = Array(cases.indices)
    }

    /// The same sweep with only its first `count` scenarios.
    public func limited(to count: Int) -> Sweep {
        var copy = self
        copy.cases = Array(cases.prefix(count))
        copy.selection = Array(copy.cases.indices)
        return copy
    }

    /// The same sweep running only `shard`'s slice of its scenarios (``Shard/indices(of:)``); outcomes keep
    /// their index among all the scenarios, so that the shards' outcomes can be merged.
    public func sharded(_ shard: Shard) -> Sweep {
        var copy = self
        copy.selection = shard.indices(of: cases.count)
        return copy
    }

    /// The scenarios a change gives: every establishment it can apply to (every pair, for `close-pairs`).
    static func cases(_ change: Change, estate: Estate, formulation f: Formulation, among: Set<PrisonCode>?) -> [Case] {
        var cases: [Case] = []
        let mainFunctions: [(Functions, String)] = [([.reception], "reception"), ([.training], "training"),
                                                      ([.resettlement], "resettlement")]
        let eligible = estate.establishments.indices.filter { e in
            estate.establishments[e].isAvailable && f.establishmentNode[e] != nil
                && among.map { $0.contains(estate.establishments[e].code) } ?? true
        }
        for (k, e) in eligible.enumerated() {
            let establishment = estate.establishments[e]
            let code = establishment.code
            func add(_ label: String, _ kind: EstateChange.Kind) {
                cases.append(Case(codes: [code], name: establishment.name, label: label, changes: [EstateChange(kind: kind, line: 0)]))
            }
            switch change {
            case .close:
                add("close", .close(code))
            case .closePairs:
                // Each pair once, in estate order: the first establishment before the second.
                for other in eligible[(k + 1)...].map({ estate.establishments[$0] }) {
                    cases.append(Case(codes: [code, other.code], name: "\(establishment.name) and \(other.name)", label: "close both",
                                      changes: [EstateChange(kind: .close(code), line: 0), EstateChange(kind: .close(other.code), line: 0)]))
                }
            case let .capacity(n):
                // New places are uncrowded places: operational capacity and CNA both rise by N.
                guard f.capacityArcs[e] != nil else { continue }
                add("+\(n) places", .capacity(code, operationalCapacity: establishment.operationalCapacity + n, cna: establishment.cna + n))
            case .rerole:
                // Re-role closed reception, training and resettlement prisons to each of the other two.
                guard !establishment.functions.isEmpty,
                      establishment.functions.isSubset(of: [.reception, .training, .resettlement]) else { continue }
                for (functions, word) in mainFunctions where functions != establishment.functions {
                    add("re-role as \(word)", .rerole(code, Rerole(functions: functions)))
                }
            }
        }
        return cases
    }

    /// Solves scenario `index`.
    /// - Parameter workspace: the simplex's storage, kept by the thread between its scenarios.
    public func run(_ index: Int, workspace: SolverWorkspace? = nil) throws(AllocationError) -> Outcome {
        let started = runtime.now()
        let item = cases[index]
        let f = base.formulation
        // Closures and capacity changes alter only capacities: each is made in turn on the base network. A change
        // that needs arcs the base network lacks (or a re-role) builds its own network.
        var changedNetwork: FlowNetwork? = f.network
        for change in item.changes {
            changedNetwork = changedNetwork.flatMap { f.replacingNetwork($0).network(applying: change) }
        }
        switch changedNetwork {
        case let network?:
            // The base formulation's groups and arcs with new capacities, solved with partial pricing,
            // from the base basis (warm) or cold.
            let changed = f.replacingNetwork(network)
            let report = try AllocationSolver.solve(changed, with: .network, start: warmStart ? baseStart : nil, workspace: workspace)
            let allocation = Allocation(formulation: f, solution: try report.optimal("scenario \(item.code) \(item.label)"),
                                        statistics: report.statistics)
            return Sweep.outcome(of: allocation, caseIndex: index, warm: warmStart && baseStart != nil,
                                 pivots: report.statistics.iterations ?? 0, seconds: runtime.seconds(since: started))
        case nil:
            return try runAlone(index, started: started, workspace: workspace)
        }
    }

    /// Solves scenario `index` on its own network: the change applied to the estate, a new formulation,
    /// solved from the base basis carried over (re-roles, when warm) or cold.
    func runAlone(_ index: Int, started: Double, workspace: SolverWorkspace?) throws(AllocationError) -> Outcome {
        let item = cases[index]
        let context = ChangeContext(file: "sweep", geography: geography, postcodeDistricts: [], population: population,
                                    policy: policy, checksStranded: false)
        let changed: Estate
        do {
            changed = try EstateChanges.apply(item.changes, to: estate, context: context)
        } catch {
            throw .changeRefused(scenario: "\(item.code) \(item.label)", error)
        }
        let formulation = Formulation(estate: changed, geography: geography, population: population, policy: policy,
                                      distances: distances)
        // A re-role keeps every establishment where it was, so the base basis carries over to the new arcs.
        var start: WarmStart?
        if warmStart, item.changes.allSatisfy({ if case .rerole = $0.kind { true } else { false } }) {
            start = baseStart?.carried(from: base.formulation, to: formulation)
        }
        let report = try AllocationSolver.solve(formulation, with: .network, start: start, workspace: workspace)
        let allocation = Allocation(formulation: formulation, solution: try report.optimal("scenario \(item.code) \(item.label)"),
                                    statistics: report.statistics)
        return Sweep.outcome(of: allocation, caseIndex: index, warm: start != nil,
                             pivots: report.statistics.iterations ?? 0, seconds: runtime.seconds(since: started))
    }

    /// Runs the selected scenarios (``selection``) on `threads` threads, calling `progress` (serialised) after
    /// each; stops starting new scenarios once `shouldStop` returns true.
    /// - Returns: the outcomes of the scenarios that finished, in case order, and the first error.
    public func runAll(threads: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
                       progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in })
        -> (outcomes: [Outcome], error: AllocationError?) {
        final class State: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var done = 0
            var outcomes: [Outcome?]
            var error: AllocationError?
            init(_ count: Int) { outcomes = [Outcome?](repeating: nil, count: count) }
        }
        let selection = self.selection
        let state = State(selection.count)
        let total = selection.count
        runtime.concurrently(max(1, min(threads, total))) { _ in
            // Each thread keeps its own simplex storage from one scenario to the next.
            let workspace = SolverWorkspace()
            while true {
                state.lock.lock()
                let index = state.next
                let stop = index >= total || state.error != nil || shouldStop()
                if !stop { state.next += 1 }
                state.lock.unlock()
                if stop { return }
                let result: Result<Outcome, AllocationError>
                do throws(AllocationError) {
                    result = .success(try run(selection[index], workspace: workspace))
                } catch { result = .failure(error) }
                state.lock.lock()
                switch result {
                case let .success(outcome): state.outcomes[index] = outcome
                case let .failure(error): if state.error == nil { state.error = error }
                }
                state.done += 1
                let done = state.done
                progress(done, total)
                state.lock.unlock()
            }
        }
        return (state.outcomes.compactMap { $0 }, state.error)
    }

    static func outcome(of allocation: Allocation, caseIndex: Int, warm: Bool, pivots: Int, seconds: Double) -> Outcome {
        let figures = FamilyFigures(allocation.formulation, destinations: allocation.plan.placements.map(\.destination))
        return Outcome(caseIndex: caseIndex, objective: allocation.solution.objective, dualObjective: allocation.solution.dualObjective,
                       placed: figures.placed, unplaced: allocation.plan.unplaced, moves: allocation.plan.moves,
                       meanMiles: figures.meanMiles, within50: figures.within50, inHomeRegion: figures.inHomeRegion,
                       isWarm: warm, pivots: pivots, seconds: seconds)
    }
}
