import ArgumentParser
import Foundation
import HomewardCore
import HomewardReports

/// `homeward allocate`: the optimal allocation of a scenario.
struct AllocateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocate",
        abstract: "Allocate the whole population optimally and explain every move.",
        discussion: """
            Writes DIR/plan.csv (one row per person) and DIR/summary.json, and prints a short summary. \
            With --prisoner ID, ranks every establishment for one person instead.
            """
    )

    @OptionGroup var options: ScenarioOptions

    @Option(name: .long, help: "Output folder for plan.csv and summary.json.")
    var out: String?

    @Option(name: .long, help: "Explain the placement of one person: rank every establishment with its costs.")
    var prisoner: String?

    @Flag(name: .long, help: "Replace an existing output folder.")
    var force = false

    @Flag(name: .long, help: "Leave timings out of summary.json, so that runs compare byte for byte.")
    var omitTiming = false

    func validate() throws {
        if out == nil && prisoner == nil {
            throw ValidationError("give --out DIR, or --prisoner ID to explain one placement")
        }
    }

    func run() throws {
        try reportingFailures {
            let started = ContinuousClock.now
            let instance = try instances.load(scenario: options.scenario)
            // The synthetic population's fingerprint (its 88,000-row CSV text hashed) is worked out on the second core.
            let provenance = Background(on: .system) { instance.provenance() }
            let loadSeconds = seconds(since: started)

            let buildStart = ContinuousClock.now
            let formulation = Formulation(instance)
            let buildSeconds = seconds(since: buildStart)
            let solveStart = ContinuousClock.now
            let report = try AllocationSolver.solve(formulation, with: options.solver, clock: Runtime.system.now)
            let solveSeconds = seconds(since: solveStart)
            guard let solution = report.solution else { throw CommandFailure.noSolution("the solver found no feasible flow") }
            let allocation = Allocation(formulation: formulation, solution: solution, statistics: report.statistics)

            if let id = prisoner {
                guard let index = instance.population.prisoners.firstIndex(where: { $0.id.rawValue == id }) else {
                    throw CommandFailure.usage("no person with that id in the population")
                }
                let explanation = PrisonerExplanation(allocation: allocation, prisoner: index)
                print(explanation.text(estate: instance.estate, geography: instance.geography), terminator: "")
                return
            }
            guard let out else { return }
            let reportStart = ContinuousClock.now
            // plan.csv (88,000 rows nationally) is written on the second core while the summary is worked out.
            let planText = Background(on: .system) { PlanWriter.csv(allocation) }
            let metrics = PlanMetrics(allocation: allocation)
            let output = try OutputDirectory(out, force: force)
            try output.write("plan.csv", planText.result)
            let timing = Timing(loadSeconds: loadSeconds, buildSeconds: buildSeconds, solveSeconds: solveSeconds,
                                reportSeconds: seconds(since: reportStart))
            let summary = AllocationSummary.json(allocation, metrics: metrics, scenario: instance.scenario,
                                                 synthetic: instance.synthetic, inputs: provenance.result,
                                                 timing: omitTiming ? nil : timing)
            try output.write("summary.json", summary.text())
            // An extract's week: the movers list and escort routes (operational files, pseudonymous pids).
            let fromExtract: Bool
            if case .extract = instance.scenario.population { fromExtract = true } else { fromExtract = false }
            if fromExtract {
                let moves = MoversList.moves(allocation)
                try output.write("movers.csv", MoversList.moversCSV(moves))
                try output.write("routes.csv", MoversList.routesCSV(moves))
            }
            try output.commit()
            print(HumanSummary.text(allocation: allocation, metrics: metrics, scenario: instance.scenario,
                                    synthetic: instance.synthetic, out: out, totalSeconds: seconds(since: started),
                                    solveSeconds: solveSeconds, moversList: fromExtract))
        }
    }
}

/// The short summary printed after an allocation.
enum HumanSummary {
    /// What a population management unit reads a plan by.
    static func managementLines(_ g: ManagementFigures) -> [String] {
        let moved = g.sentencedMovedIntoReception.map { "\($0.stage.phrase) \(Format.grouped($0.people))" }.joined(separator: ", ")
        return [
            "Near release: \(Format.grouped(g.transfersNearRelease)) transfers with fewer than \(ManagementFigures.nearReleaseDays) days left (\(Format.grouped(g.transfersNearReleaseForced)) unavoidable: their prison cannot keep them)",
            "Reception prisons: \(Format.grouped(g.receptionFreePlaces)) of \(Format.grouped(g.receptionUsablePlaces)) usable places left free (the policy keeps \(Format.grouped(g.receptionReservePlaces)) for the courts); training-stage people held there \(Format.grouped(g.trainingStageInReception)) (\(Format.grouped(g.trainingStageInReceptionOnly)) where it is not also a training prison)",
            "Sentenced people moved into reception prisons: \(moved) (\(Format.grouped(g.sentencedMovedIntoUnsuitedReception)) into one whose functions do not suit their stage)",
            "Open categories held in closed conditions: \(Format.grouped(g.openCategoryInClosedBefore)) → \(Format.grouped(g.openCategoryInClosedAfter)) of \(Format.grouped(g.openCategoryPlaced))",
            "Held outside their home region: \(Format.grouped(g.outOfRegionBefore)) → \(Format.grouped(g.outOfRegion)) (\(Format.grouped(g.outOfRegionRepatriable)) of them with a lawful free place in it); brought back \(Format.grouped(g.repatriated))",
        ]
    }

    static func text(allocation: Allocation, metrics m: PlanMetrics, scenario: Scenario, synthetic: Bool, out: String,
                     totalSeconds: Double, solveSeconds: Double, moversList: Bool = false) -> String {
        let stats = allocation.formulation.statistics
        var lines: [String] = []
        lines.append("\(scenario.name): \(scenario.question)")
        if let c = allocation.statistics.coupled {
            let proof = c.proven ? "proven optimal" : "NOT proven optimal: \(c.notProven ?? "the search stopped") (gap \(Format.fixed(c.gap * 100, 2))%)"
            let how = c.wholeMIP
                ? "solved with the week's side constraints (the moves limit) as one MIP on GLPK, \(Format.grouped(c.mipColumns)) columns and \(Format.grouped(c.nodes)) nodes"
                : "\(Format.grouped(c.conflictsInRelaxation)) shared an establishment before separation; "
                    + "\(Format.grouped(c.laidRows)) pair rows laid into the network, \(Format.grouped(c.lagrangianRows)) priced by the Lagrangian bound"
                    + (c.mipColumns > 0 ? ", a MIP of \(Format.grouped(c.mipColumns)) columns and \(Format.grouped(c.nodes)) nodes" : "")
            lines.append("Non-associations: \(Format.grouped(c.apartPairs)) pairs kept apart, \(Format.grouped(c.costedPairs)) costed, \(Format.grouped(c.leftToEstablishment)) left to the establishment: both must stay; \(how); \(proof)")
        }
        if let c = allocation.statistics.movesLimit {
            let proof = c.proven ? "proven optimal" : "NOT proven optimal: \(c.notProven ?? "the search stopped") (gap \(Format.fixed(c.gap * 100, 2))%)"
            lines.append("Moves limit: \(Format.grouped(c.moves)) transfers within the limit of \(Format.grouped(c.limit))\(c.unlimitedMoves.map { " (\(Format.grouped($0)) without it)" } ?? ""); price \(Format.fixed(c.price, 2)) points a transfer; LP bound \(Format.points(c.lowerBound)), plan \(Format.points(c.upperBound)) points; \(Format.grouped(c.solves)) network solves, \(c.method)\(c.mipStages > 0 ? " (\(c.mipStages == 1 ? "a MIP of" : "\(c.mipStages) MIPs, the nearest the optimal face first; the last of") \(Format.grouped(c.mipColumns)) columns; \(Format.grouped(c.nodes)) nodes)" : ""); \(proof)")
        }
        let gaveWay = allocation.formulation.limitArcs.gaveWay(in: allocation.solution.flows)
        if !gaveWay.isEmpty {
            let list = gaveWay.map { "\(allocation.formulation.cost.estate.establishments[$0.establishment].code) by \($0.people)" }.joined(separator: ", ")
            lines.append("Departures caps that had to give way (more people could not stay than the cap allows to leave): \(list)")
        }
        lines.append("Status: \(AllocationSummary.status(allocation)) (\(allocation.statistics.solver.rawValue) solver, \(Format.fixed(solveSeconds, 2)) s to solve, \(Format.fixed(totalSeconds, 2)) s in all)")
        lines.append("People: \(Format.grouped(m.prisoners)); placed \(Format.grouped(m.placed)); cannot be placed \(Format.grouped(m.unplaced)); transfers \(Format.grouped(m.moves)); new receptions placed \(Format.grouped(m.receptionsPlaced))")
        lines.append("Distance from home (estimated road miles): mean \(Format.fixed(m.before.meanMiles, 1)) → \(Format.fixed(m.after.meanMiles, 1)), median \(Format.fixed(m.before.medianMiles, 1)) → \(Format.fixed(m.after.medianMiles, 1)), 90th percentile \(Format.fixed(m.before.p90Miles, 1)) → \(Format.fixed(m.after.p90Miles, 1))")
        lines.append("Distance from home (straight-line miles, as MoJ publishes): mean \(Format.fixed(m.before.meanStraightLineMiles, 1)) → \(Format.fixed(m.after.meanStraightLineMiles, 1))")
        lines.append("Within 50 miles: \(Format.percent(m.before.within50Miles)) → \(Format.percent(m.after.within50Miles)); held in home region: \(Format.percent(m.homeRegionBefore)) → \(Format.percent(m.homeRegionAfter))")
        lines += managementLines(m.management)
        if !allocation.formulation.population.week.placeNeeds.isEmpty {
            let unknown = UnknownTypedPlaces(allocation: allocation).kinds
            let list = unknown.map { kind in
                "\(kind.need) at \(kind.establishments.count) establishments, \(Format.grouped(kind.people)) people ("
                    + kind.establishments.map(\.rawValue).joined(separator: " ") + ")"
            }
            lines.append("Places by type (\(UnknownTypedPlaces.note)): " + (list.isEmpty ? "none" : list.joined(separator: "; ")))
        }
        lines.append("Model: \(Format.grouped(stats.groups)) groups, \(Format.grouped(stats.profiles)) profiles, \(Format.grouped(stats.variables)) variables, \(Format.grouped(stats.constraints)) constraints; objective \(Format.points(allocation.solution.objective)) points")
        if synthetic { lines.append("Note: the population is synthetic; figures about people are illustrative.") }
        if moversList {
            lines.append("Wrote \(out)/plan.csv, \(out)/summary.json, and the movers list \(out)/movers.csv and \(out)/routes.csv (operational: they carry pseudonymous pids; do not publish them)")
        } else {
            lines.append("Wrote \(out)/plan.csv and \(out)/summary.json")
        }
        return lines.joined(separator: "\n")
    }
}
