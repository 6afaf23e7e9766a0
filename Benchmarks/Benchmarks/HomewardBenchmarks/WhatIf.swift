import Benchmark
import Foundation
import HomewardCommands
import HomewardCore
import HomewardReports

/// The web workspace's warm base: the national scenario loaded once (its 88,000 people) and the estate as it is
/// allocated once, with its basis, as `homeward serve` keeps them in memory (HomewardServer's WarmBase).
struct WarmNational: Sendable {
    let base: ProblemInstance
    let asIs: EstateComparison.Base
    let populationFingerprint: InputFile?
    /// plan-as-is.csv, which the server writes once per base.
    let planAsIs: String
}

/// A one-change what-if as the web workspace answers it (issue #24: at most 1 s warm on 2 cores, against about
/// 2.7 s for `homeward assess`): read Scenarios/close-bedford.yaml sharing the warm base's people, solve the
/// changed estate from the kept basis (as the server does; the tie-break makes its files the command's byte for
/// byte), or cold for comparison, tie-break, and write every file of the assessment (HTML, Markdown, JSON,
/// moves.csv and both plans) as strings, as `Pipeline.assess` does. The warm base is setup: the server builds it once.
func warmWhatIf() {
    whatIf(fromBasis: true, name: "What-if assessment, warm base, changed estate from the basis (close HMP Bedford)")
    whatIf(fromBasis: false, name: "What-if assessment, warm base, changed estate cold (close HMP Bedford)")
}

func whatIf(fromBasis: Bool, name: String) {
    Benchmark(name, configuration: .init(warmupIterations: 1, maxIterations: 5)) { (benchmark: Benchmark, warm: WarmNational) in
        for _ in benchmark.scaledIterations {
            do {
                let instance = try ShippedScenario.load("close-bedford.yaml", options: .init(sharing: warm.base))
                precondition(!instance.sharingOverrode)
                let comparison = try EstateComparison(base: warm.asIs, after: (instance.estate, instance.distances),
                                                      geography: instance.geography, population: instance.population,
                                                      policy: instance.policy, fromBasis: fromBasis)
                let outline = try ShippedScenario.loader.outline(of: instance)
                let inputs = instance.filesRead + (warm.populationFingerprint.map { [$0] } ?? [])
                let people = PersonComparison.compare(before: comparison.before, after: comparison.after,
                                                      changed: Set(instance.scenario.changes.map(\.code)))
                let assessment = Assessment(Assessment.Input(
                    scenario: instance.scenario, synthetic: instance.synthetic, inputs: inputs,
                    before: comparison.before, after: comparison.after,
                    disclosure: Disclosure(threshold: instance.scenario.suppressBelow),
                    outline: outline, outlineAttribution: "Coastline and borders: Natural Earth (public domain).", people: people))
                let document = assessment.document()
                let files = [document.html(), document.markdown(), assessment.json().text(), MovesWriter.csv(people),
                             warm.planAsIs, PlanWriter.csv(comparison.after)]
                precondition(files.allSatisfy { !$0.isEmpty })
                blackHole(files)
            } catch {
                fatalError("warm what-if failed: \(error)")
            }
        }
    } setup: {
        let base = try ShippedScenario.load("national.yaml")
        let asIs = try EstateComparison.Base(base)
        return WarmNational(base: base, asIs: asIs, populationFingerprint: base.populationFingerprint(),
                            planAsIs: PlanWriter.csv(asIs.allocation))
    }
}
