import HomewardCore
import HomewardReports

/// Builds the allocation model for small inputs, solves it with every solver
/// that applies, and checks that they agree and that the plan keeps every rule.
enum Model {
    /// Larger inputs are only loaded, not solved, to keep each input fast.
    static let maxEstablishments = 24
    static let maxPeople = 80

    /// `estate CSV %% population CSV [%% policy YAML [%% scenario YAML]]`, against the fixture geography.
    static func runSections(_ text: String) -> Bool {
        let sections = split(text)
        guard sections.count >= 2 else { return false }
        let estate: Estate
        let population: Population
        var policy = Policy.standard
        do {
            estate = try EstateLoader.load(sections[0], file: "estate.csv")
        } catch {
            Oracles.wellFormed(error, file: "estate.csv", text: sections[0])
            return false
        }
        do {
            population = try PopulationLoader.load(sections[1], file: "population.csv", geography: Fixtures.geography, estate: estate)
        } catch {
            Oracles.wellFormed(error, file: "population.csv", text: sections[1])
            return false
        }
        if sections.count >= 3, !sections[2].isEmpty {
            do {
                policy = try PolicyLoader.load(sections[2], file: "policy.yaml")
            } catch {
                Oracles.wellFormed(error, file: "policy.yaml", text: sections[2])
                return false
            }
        }
        var changed = estate
        if sections.count >= 4 {
            // The scenario through the commands' instance path: its estate and population files are this
            // input's sections (whatever the scenario calls them), its policy the policy section.
            let files = FixtureFiles(extra: ["scenario.yaml": sections[3]], estateCSV: sections[0], populationCSV: sections[1])
            do {
                changed = try InstanceLoader(source: files).load(scenario: "scenario.yaml", options: .init(policyOverride: policy)).estate
            } catch {
                Oracles.wellFormed(error, files: files)
                return false
            }
        }
        check(estate: changed, population: population, policy: policy)
        return true
    }

    /// Splits on lines that are exactly `%%`.
    static func split(_ text: String) -> [String] {
        var sections: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "%%" || line == "%%\r" {
                sections.append(current.joined(separator: "\n") + "\n")
                current = []
            } else {
                current.append(line)
            }
        }
        sections.append(current.joined(separator: "\n"))
        return sections
    }

    /// Solves with each solver and checks the answers.
    static func check(estate: Estate, population: Population, policy: Policy) {
        guard estate.count <= maxEstablishments, population.count <= maxPeople, population.count > 0 else { return }
        let geography = Fixtures.geography
        let distances = DistanceTable(geography: geography, estate: estate, circuityFactor: policy.circuityFactor)
        let formulation = Formulation(estate: estate, geography: geography, population: population, policy: policy,
                                      distances: distances)
        let solvers: [SolverKind] = formulation.isPureNetwork ? [.network, .lemon, .glpk] : [.glpk]
        var results: [(SolverKind, SolveReport, OptimalFlow)] = []
        for solver in solvers {
            do {
                let report = try AllocationSolver.solve(formulation, with: solver)
                guard report.termination == .optimal, let result = report.solution else {
                    Oracles.fail("\(solver): no feasible flow, although everyone has an unplaced arc")
                    continue
                }
                results.append((solver, report, result))
            } catch {
                switch error {
                case .fractional where !formulation.isPureNetwork:
                    // A moves limit can make the LP optimum fractional; refusing is the documented answer.
                    Fuzz.statistics.solverRefusals += 1
                default:
                    Oracles.fail("\(solver) failed on a \(estate.count)-establishment, \(population.count)-person model: \(error)")
                }
            }
        }
        guard let (firstSolver, _, first) = results.first else { return }
        for (solver, _, result) in results.dropFirst() where result.objective != first.objective {
            Oracles.fail("\(firstSolver) finds objective \(first.objective) but \(solver) finds \(result.objective)")
        }
        for (solver, report, result) in results {
            if result.flows.count != formulation.network.arcCount { Oracles.fail("\(solver) returned \(result.flows.count) flows for \(formulation.network.arcCount) arcs") }
            if formulation.network.cost(of: result.flows) != result.objective { Oracles.fail("\(solver): the flows do not cost the objective") }
            if !formulation.network.violations(of: result.flows).isEmpty { Oracles.fail("\(solver): the flows break a capacity or balance") }
            if let dual = result.dualObjective, solver != .glpk, dual != result.objective {
                Oracles.fail("\(solver): duality gap \(result.objective - dual)")
            }
            let allocation = Allocation(formulation: formulation, solution: result, statistics: report.statistics)
            if allocation.plan.placements.count != population.count { Oracles.fail("\(solver): the plan has \(allocation.plan.placements.count) placements for \(population.count) people") }
            let checker = PlanChecker(estate: estate, geography: geography, population: population, policy: policy)
            do {
                let violations = try checker.check(planCSV: PlanWriter.csv(allocation))
                if !violations.isEmpty {
                    Oracles.fail("\(solver): the independent checker finds \(violations.count) violations: \(violations.prefix(3).map(\.description))")
                }
            } catch {
                Oracles.fail("\(solver): the checker cannot read the written plan: \(error)")
            }
        }
        Fuzz.statistics.modelsSolved += 1
    }
}
