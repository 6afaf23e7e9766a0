import Foundation
import HomewardCore
import HomewardReports

/// What a run produced: its output files, in the order they are written, and the figures to show for it.
/// The commands write the files through ``OutputDirectory``; the web workspace (HomewardServer) does the same
/// into a run's folder, so that both give the same bytes for the same scenario.
package struct RunOutput: Sendable {
    /// One output file: its name in the run's folder and its text.
    package struct File: Sendable {
        package var name: String
        package var text: String
    }

    package var files: [File] = []
    /// Headline figures, by key, in display order (e.g. "mean_miles_after").
    package var figures: [(key: String, value: String)] = []
    /// The objective of the (changed) allocation, in points, where there is one.
    package var objective: Int64?
    /// The lines the command prints after writing the files (without the "Wrote ..." line).
    package var lines: [String] = []

    package init() {}

    mutating func add(_ name: String, _ text: String) { files.append(File(name: name, text: text)) }

    /// Writes every file into `output` (which the caller commits).
    package func write(to output: OutputDirectory) throws(CommandFailure) {
        for file in files { try output.write(file.name, file.text) }
    }
}

/// How a run is watched and stopped: the commands pass Ctrl-C and a progress bar, the server its cancel button
/// and its progress stream.
package struct RunControl: Sendable {
    /// Whether the user asked to stop.
    package var shouldStop: @Sendable () -> Bool
    /// Steps done out of steps in all.
    package var progress: @Sendable (_ done: Int, _ total: Int) -> Void

    package init(shouldStop: @escaping @Sendable () -> Bool = { false },
                 progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.shouldStop = shouldStop
        self.progress = progress
    }
}

/// Why a run stopped before it finished, for the server (the commands map these onto exit codes).
package enum RunStopped: Error, CustomStringConvertible {
    case cancelled

    package var description: String { "cancelled: no output was written" }
}

/// The runs of the commands as plain functions of an instance: each returns its files, written by the caller.
package enum Pipeline {
    // MARK: - allocate

    /// The allocation's plan.csv and summary.json (timings left out).
    package static func allocate(_ instance: ProblemInstance, solver: SolverKind?) throws -> RunOutput {
        let allocation = try Allocation(instance, solver: solver)
        let metrics = PlanMetrics(allocation: allocation)
        var output = RunOutput()
        output.add("plan.csv", PlanWriter.csv(allocation))
        let summary = AllocationSummary.json(allocation, metrics: metrics, scenario: instance.scenario,
                                             synthetic: instance.synthetic, inputs: instance.provenance(), timing: nil)
        output.add("summary.json", summary.text())
        output.objective = allocation.solution.objective
        output.figures = [
            ("people", Format.grouped(metrics.prisoners)), ("placed", Format.grouped(metrics.placed)),
            ("cannot_be_placed", Format.grouped(metrics.unplaced)), ("transfers", Format.grouped(metrics.moves)),
            ("mean_miles_now", Format.fixed(metrics.before.meanMiles, 1)),
            ("mean_miles_planned", Format.fixed(metrics.after.meanMiles, 1)),
            ("within_50_miles_planned", Format.percent(metrics.after.within50Miles)),
        ]
        return output
    }

    // MARK: - assess

    /// The assessment of an instance's changes: the published files and the files for planners.
    /// - Throws: ``CommandFailure/usage(_:)`` when the scenario has no changes; ``AllocationError``; ``InputErrors``.
    /// - Parameter planAsIs: plan-as-is.csv's text when the caller keeps it (the web workspace's warm base).
    package static func assess(_ instance: ProblemInstance, comparison: EstateComparison, outline: [OutlineRing],
                               inputs: [InputFile], suppressBelow: Int?, planAsIs: String? = nil,
                               phasing: Assessment.Phasing.Input? = nil, otherDraws: [Assessment] = []) -> (RunOutput, Assessment) {
        // The two plans (12 MB each nationally) depend on the allocations alone: written on a second core while the
        // report is built on this one. Each part is the same text it would be on its own.
        let ((assessment, html, markdown, json, moves), (asIs, asChanged)) = concurrently({
            let people = PersonComparison.compare(before: comparison.before, after: comparison.after,
                                                  changed: Set(instance.scenario.changes.map(\.code)))
            var assessment = Assessment(Assessment.Input(
                scenario: instance.scenario, synthetic: instance.synthetic, inputs: inputs,
                before: comparison.before, after: comparison.after,
                disclosure: Disclosure(threshold: suppressBelow ?? instance.scenario.suppressBelow),
                outline: outline, outlineAttribution: outline.isEmpty ? "" : "Coastline and borders: Natural Earth (public domain).",
                phasing: phasing, people: people))
            if case let .synthetic(_, seed) = instance.scenario.population, !otherDraws.isEmpty {
                assessment = assessment.withDraws(otherDraws, seeds: (0..<UInt64(otherDraws.count + 1)).map { seed &+ $0 })
            }
            let document = assessment.document()
            return (assessment, document.html(), document.markdown(), assessment.json().text(), MovesWriter.csv(people))
        }, {
            (planAsIs ?? PlanWriter.csv(comparison.before), PlanWriter.csv(comparison.after))
        })
        var output = RunOutput()
        output.add("assessment.html", html)
        output.add("assessment.md", markdown)
        output.add("assessment.json", json)
        output.add("moves.csv", moves)
        let inputsJSON = JSON.object([("inputs", .object(inputs.map {
            ($0.role, JSON.object([("path", .string($0.path)), ("sha256", .string($0.sha256))]))
        }))])
        output.add("inputs.json", inputsJSON.text())
        output.add("plan-as-is.csv", asIs)
        output.add("plan-as-changed.csv", asChanged)
        output.objective = comparison.after.solution.objective
        output.lines = [assessment.title] + assessment.headline
        output.figures = headlineFigures(assessment)
        return (output, assessment)
    }

    /// The assessment's headline figures as assessment.json states them (a suppressed count is its mark).
    package static func headlineFigures(_ a: Assessment) -> [(key: String, value: String)] {
        func count(_ c: Disclosure.Count) -> String {
            switch c {
            case let .shown(n): return String(n)
            case .suppressed: return a.disclosure.mark
            case .hidden: return Disclosure.hiddenMark
            }
        }
        var figures: [(key: String, value: String)] = [
            ("people", String(a.people)), ("affected", count(a.affected)),
            ("unplaced_before", count(a.unplacedBefore)), ("unplaced_after", count(a.unplacedAfter)),
        ]
        for (label, key) in [("Everyone", "everyone"), ("People affected", "people_affected")] {
            guard let group = a.proximity.first(where: { $0.label == label }) else { continue }
            if let b = group.before { figures.append(("\(key)_mean_miles_before", Format.fixed(b.meanMiles, 1))) }
            if let after = group.after { figures.append(("\(key)_mean_miles_after", Format.fixed(after.meanMiles, 1))) }
        }
        return figures
    }

    /// Refuses a scenario with nothing to assess.
    package static func requireChanges(_ instance: ProblemInstance, file: String) throws(CommandFailure) {
        guard !instance.scenario.changes.isEmpty else {
            throw CommandFailure.usage("\(file): the scenario has no changes to assess (add a 'changes:' list)")
        }
    }

    // MARK: - compare

    /// The comparison of several configurations, each allocated with the first one's people and policy.
    /// - Parameter notes: told of a scenario whose own people or policy were set aside.
    package static func compare(_ paths: [String], loader: InstanceLoader, solver: SolverKind?, policies: Bool = false,
                                control: RunControl, notes: (String) -> Void) throws -> RunOutput {
        let first = try loader.load(scenario: paths[0])
        var configurations: [Comparison.Configuration] = []
        for (k, path) in paths.enumerated() {
            // Every configuration keeps the first scenario's people (and, unless comparing policies, its policy).
            let instance = k == 0 ? first : try loader.load(scenario: path, options: .init(sharing: first, ownPolicy: policies))
            if instance.sharingOverrode {
                let what = policies ? "other people" : "other people or another policy"
                notes("note: \(path) names \(what); the comparison uses those of \(paths[0])")
            }
            let allocation = try Allocation(instance, solver: solver)
            configurations.append(.init(name: instance.scenario.name, file: path, allocation: allocation))
            control.progress(k + 1, paths.count)
            if control.shouldStop() { throw RunStopped.cancelled }
        }
        let comparison = Comparison(configurations, synthetic: first.synthetic)
        let document = comparison.document()
        var output = RunOutput()
        output.add("comparison.html", document.html())
        output.add("comparison.md", document.markdown())
        output.add("comparison.json", comparison.json().text())
        output.add("comparison.csv", comparison.csv())
        let mean = comparison.rows.first { $0.key == "mean_miles" }!
        let within = comparison.rows.first { $0.key == "within_50_miles" }!
        let unplaced = comparison.rows.first { $0.key == "unplaced" }!
        for (k, name) in comparison.names.enumerated() {
            output.lines.append("\(name): mean \(Comparison.text(mean.values[k], .miles)) miles from home, \(Comparison.text(within.values[k], .share)) within 50 miles, \(Comparison.text(unplaced.values[k], .count)) not placed")
            output.figures.append(("mean_miles: \(name)", Comparison.text(mean.values[k], .miles)))
        }
        if first.synthetic { output.lines.append("Note: the population is synthetic; figures about people are illustrative.") }
        return output
    }

    // MARK: - sweep

    /// A sweep's files.
    /// - Parameter seconds: the run's time so far, or nil to leave timings out.
    package static func sweepFiles(_ sweep: Sweep, outcomes: [Sweep.Outcome], instance: ProblemInstance, threads: Int,
                                   seconds: Double?) -> (RunOutput, SweepReport) {
        let report = SweepReport(sweep: sweep, outcomes: outcomes, scenarioName: instance.scenario.name,
                                 synthetic: instance.synthetic, threads: threads, seconds: seconds)
        return (sweepFiles(report), report)
    }

    /// A sweep report's files: those of a single run, or of shards merged (`homeward sweep merge`).
    package static func sweepFiles(_ report: SweepReport) -> RunOutput {
        let timing = report.seconds != nil
        let document = report.document()
        var output = RunOutput()
        output.add("sweep.csv", report.csv(timing: timing))
        output.add("sweep.json", report.json(timing: timing).text())
        output.add("sweep.md", document.markdown())
        output.add("sweep.html", document.html())
        output.objective = report.base.objective
        for row in report.rows.prefix(5) {
            output.lines.append("\(row.rank). \(row.name) [\(row.code)] \(row.label): mean miles \(SweepReportText.signed(row.changeMeanMiles)), within 50 miles \(SweepReportText.signed(row.changeWithin50 * 100)) pts, not placed \(row.changeUnplaced >= 0 ? "+" : "")\(row.changeUnplaced)")
        }
        output.figures = [("scenarios", "\(report.rows.count) of \(report.total)")]
        if let best = report.rows.first {
            output.figures.append(("first_ranked", "\(best.name) [\(best.code)] \(best.label)"))
        }
        return output
    }

    /// Refuses a policy with a moves limit, which a sweep's network re-solves cannot carry.
    package static func requireNoMovesLimit(_ instance: ProblemInstance, file: String) throws(CommandFailure) {
        if instance.policy.movesLimit != nil {
            // A moves limit is a side constraint: each scenario would need GLPK, whose shared state is not
            // safe across threads, and its LP optimum may split people. A sweep compares estates, not weekly plans.
            throw CommandFailure.usage("\(file): the policy sets moves_limit; a sweep compares estates with network solves only, so use a policy without moves_limit (moves_limit: null)")
        }
    }

    // MARK: - simulate

    /// A simulation's files.
    package static func simulationFiles(_ instance: ProblemInstance, series: [WeeklySimulation.Week], seed: UInt64,
                                        timing: Bool) -> RunOutput {
        let report = SimulationReport(scenarioName: instance.scenario.name, weeks: series, synthetic: instance.synthetic, seed: seed,
                                      timing: timing)
        let document = report.document()
        var output = RunOutput()
        output.add("weekly.csv", report.csv())
        output.add("weekly.json", report.json().text())
        output.add("simulation.md", document.markdown())
        output.add("simulation.html", document.html())
        if let last = series.last {
            output.figures = [
                ("weeks", String(series.count)), ("people_at_end", Format.grouped(last.populationEnd)),
                ("mean_miles", Format.fixed(last.meanMiles, 1)), ("within_50_miles", Format.percent(last.within50, 1)),
                ("transfers_last_week", String(last.moves)), ("not_placed", String(last.unplaced)),
            ]
        }
        return output
    }
}
