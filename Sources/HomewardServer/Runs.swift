import Crypto
import Foundation
import HomewardCommands
import HomewardCore
import HomewardReports

/// The kinds of run, as the commands name them.
package enum RunKind: String, Sendable, CaseIterable, Codable {
    case allocate, assess, compare, sweep, simulate
}

/// What a run needs besides its scenarios.
package struct RunOptions: Sendable, Codable, Equatable {
    /// Sweep: close, close-pairs, rerole or capacity+N.
    package var change: String?
    /// Sweep: only the first N scenarios.
    package var limit: Int?
    /// Simulation: weeks and seed.
    package var weeks: Int?
    package var seed: UInt64?

    package init(change: String? = nil, limit: Int? = nil, weeks: Int? = nil, seed: UInt64? = nil) {
        self.change = change
        self.limit = limit
        self.weeks = weeks
        self.seed = seed
    }
}

/// A request refused before anything was stored: the command line's message and the HTTP status to send.
package struct RunRefused: Error, CustomStringConvertible {
    package var description: String
    /// 422 for input that was read but is wrong, 400 for a malformed request.
    package var status: Int
}

/// A run checked and ready: its scenarios loaded, so that bad input is refused before it is queued.
package struct PreparedRun: Sendable {
    package var kind: RunKind
    package var scenarios: [ScenarioText]
    package var options: RunOptions
    var instance: ProblemInstance
    var base: WarmBase?

    package var scenarioName: String { instance.scenario.name }
}

extension Workspace {
    /// Checks a run as the command would (every input read and validated) without running it.
    /// - Throws: ``RunRefused`` with the command line's message.
    package func prepare(_ kind: RunKind, scenarios: [ScenarioText], options: RunOptions) throws(RunRefused) -> PreparedRun {
        guard let first = scenarios.first else { throw RunRefused(description: "give a scenario", status: 400) }
        if kind == .compare, scenarios.count < 2 { throw RunRefused(description: "give at least two scenarios to compare", status: 400) }
        if kind == .sweep, Sweep.Change(argument: options.change ?? "") == nil {
            throw RunRefused(description: "change must be close, rerole or capacity+N with N from 1 to 10000, or close-pairs, not '\(options.change ?? "")'", status: 400)
        }
        if kind == .simulate, !(1...520).contains(options.weeks ?? 0) {
            throw RunRefused(description: "weeks must be between 1 and 520", status: 400)
        }
        if let limit = options.limit, limit < 1 { throw RunRefused(description: "limit must be at least 1", status: 400) }
        do {
            let (instance, base) = try load(first, calibration: kind == .simulate)
            if kind == .assess { try Pipeline.requireChanges(instance, file: first.path) }
            if kind == .sweep { try Pipeline.requireNoMovesLimit(instance, file: first.path) }
            if kind == .compare {
                let shared = loader(scenarios)
                for other in scenarios.dropFirst() { _ = try shared.load(scenario: other.path, options: .init(sharing: instance)) }
            }
            return PreparedRun(kind: kind, scenarios: scenarios, options: options, instance: instance, base: base)
        } catch let errors as InputErrors {
            throw RunRefused(description: errors.description, status: 422)
        } catch {
            throw RunRefused(description: String(describing: error), status: 422)
        }
    }

    /// Stores a prepared run and queues it.
    /// - Returns: the run's id.
    package func submit(_ prepared: PreparedRun) throws -> Int64 {
        let scenariosJSON = String(decoding: try JSONEncoder.sorted.encode(prepared.scenarios), as: UTF8.self)
        let optionsJSON = String(decoding: try JSONEncoder.sorted.encode(prepared.options), as: UTF8.self)
        let record = try store.insert(RunRecord(
            id: nil, kind: prepared.kind.rawValue, status: "queued", scenarioName: prepared.scenarioName,
            scenarios: scenariosJSON, options: optionsJSON, inputs: "[]", created: Workspace.timestamp(), started: nil,
            finished: nil, seconds: nil, objective: nil, figures: "[]", warm: false, error: nil))
        let id = record.id!
        queue.submit(id) { [self] live in execute(prepared, record: record, live: live) }
        return id
    }

    /// The folder of run `id`'s output files.
    package func folder(of id: Int64) -> String { settings.data + "/runs/\(id)" }

    /// Runs a prepared run on the calling thread and records how it ended. A failure is recorded, never thrown:
    /// the server stays up and the run's page says why.
    func execute(_ prepared: PreparedRun, record: RunRecord, live: LiveRun) {
        var record = record
        let started = ContinuousClock.now
        if live.cancelled {
            record.status = "cancelled"
            record.finished = Workspace.timestamp()
            try? store.update(record)
            live.set(status: "cancelled")
            return
        }
        record.status = "running"
        record.started = Workspace.timestamp()
        try? store.update(record)
        live.set(status: "running")
        let control = RunControl(shouldStop: { live.cancelled }, progress: { done, total in live.set(done: done, total: total) })
        do {
            let (output, inputs, warm) = try produce(prepared, control: control)
            if live.cancelled { throw RunStopped.cancelled }
            let directory = try OutputDirectory(folder(of: record.id!), force: false)
            try output.write(to: directory)
            try directory.commit()
            record.status = "finished"
            record.objective = output.objective
            record.figures = String(decoding: try JSONEncoder.sorted.encode(output.figures.map { [$0.key, $0.value] }), as: UTF8.self)
            record.inputs = String(decoding: try JSONEncoder.sorted.encode(inputs.map(StoredInput.init)), as: UTF8.self)
            record.warm = warm
            record.seconds = Double(ContinuousClock.now - started)
            record.finished = Workspace.timestamp()
            let files = output.files.map { file in
                RunFileRecord(runId: record.id!, name: file.name, bytes: file.text.utf8.count, sha256: Fingerprint.sha256(file.text))
            }
            try store.finish(record, files: files)
            live.set(status: "finished")
        } catch {
            record.status = error is RunStopped ? "cancelled" : "failed"
            record.error = error is RunStopped ? nil : Workspace.message(error)
            record.seconds = Double(ContinuousClock.now - started)
            record.finished = Workspace.timestamp()
            try? store.update(record)
            live.set(status: record.status)
        }
    }

    /// The words a failure is reported in, as the command line prints them.
    static func message(_ error: any Error) -> String {
        if let errors = error as? InputErrors { return errors.description }
        if let failure = error as? AllocationError { return "no solution: \(failure.description)" }
        return String(describing: error)
    }

    /// The run's files, its inputs with their SHA-256, and whether it used an allocation kept from an earlier run.
    func produce(_ run: PreparedRun, control: RunControl) throws -> (RunOutput, [InputFile], Bool) {
        let instance = run.instance
        let inputs = run.base?.provenance(of: instance) ?? instance.provenance()
        switch run.kind {
        case .allocate:
            control.progress(0, 1)
            let output = try Pipeline.allocate(instance, solver: nil)
            control.progress(1, 1)
            return (output, inputs, false)
        case .assess:
            return try assess(run, inputs: inputs, control: control)
        case .compare:
            let output = try Pipeline.compare(run.scenarios.map(\.path), loader: loader(run.scenarios), solver: nil,
                                              control: control, notes: { _ in })
            return (output, inputs, false)
        case .sweep:
            var sweep = try Sweep(change: Sweep.Change(argument: run.options.change ?? "")!, instance: instance, runtime: .system)
            if let limit = run.options.limit, limit < sweep.cases.count { sweep = sweep.limited(to: limit) }
            let (outcomes, error) = sweep.runAll(threads: 1, shouldStop: control.shouldStop, progress: control.progress)
            if let error { throw error }
            if control.shouldStop() { throw RunStopped.cancelled }
            return (Pipeline.sweepFiles(sweep, outcomes: outcomes, instance: instance, threads: 1, seconds: nil).0, inputs, false)
        case .simulate:
            let weeks = run.options.weeks ?? 4
            let seed = run.options.seed ?? 1
            let simulation = WeeklySimulation(instance, seed: seed, movesLimit: instance.policy.movesLimit, runtime: .system)
            let series = try simulation.run(from: instance.population, weeks: weeks, shouldStop: control.shouldStop,
                                            progress: { control.progress($0, weeks) })
            if control.shouldStop() { throw RunStopped.cancelled }
            return (Pipeline.simulationFiles(instance, series: series, seed: seed, timing: false), inputs, false)
        }
    }

    /// An assessment: the estate as it is from the warm base (allocated once), the changed estate solved from its
    /// basis; the tie-break makes the files `homeward assess`'s byte for byte all the same.
    func assess(_ run: PreparedRun, inputs: [InputFile], control: RunControl) throws -> (RunOutput, [InputFile], Bool) {
        let instance = run.instance
        control.progress(0, 3)
        let comparison: EstateComparison
        let warm: Bool
        if let base = run.base {
            warm = base.isAllocated
            let kept = try base.base()
            control.progress(1, 3)
            if control.shouldStop() { throw RunStopped.cancelled }
            comparison = try EstateComparison(base: kept, after: (instance.estate, instance.distances), geography: instance.geography,
                                              population: instance.population, policy: instance.policy)
        } else {
            comparison = try EstateComparison(instance)
            warm = false
        }
        control.progress(2, 3)
        if control.shouldStop() { throw RunStopped.cancelled }
        let outline = try loader(run.scenarios).outline(of: instance)
        let (output, _) = Pipeline.assess(instance, comparison: comparison, outline: outline, inputs: inputs, suppressBelow: nil,
                                          planAsIs: try run.base?.planAsIs())
        control.progress(3, 3)
        return (output, inputs, warm)
    }
}

/// An input as the history stores it.
package struct StoredInput: Codable, Sendable, Equatable {
    package var role: String
    package var path: String
    package var sha256: String

    init(_ file: InputFile) {
        role = file.role
        path = file.path
        sha256 = file.sha256
    }
}

extension JSONEncoder {
    /// Keys in order, so that the history's JSON is the same for the same values.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension Double {
    init(_ duration: Duration) {
        self = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
