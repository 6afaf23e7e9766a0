import Foundation
import HomewardCore
import HomewardReports

/// A base scenario kept in memory: its instance (people, policy, geography, estate as it is), the synthetic
/// population's fingerprint, and the allocation of the estate as it is with its basis. A what-if that changes
/// only the estate shares all three, so that an assessment re-solves only the changed estate, from the basis.
package final class WarmBase: @unchecked Sendable {
    package let instance: ProblemInstance
    private let lock = NSLock()
    private var fingerprint: InputFile??
    private var comparisonBase: EstateComparison.Base?
    private var planText: String?

    init(_ instance: ProblemInstance) {
        self.instance = instance
    }

    /// The synthetic population's fingerprint, worked out once.
    package func populationFingerprint() -> InputFile? {
        lock.lock()
        defer { lock.unlock() }
        if let fingerprint { return fingerprint }
        let value = instance.populationFingerprint()
        fingerprint = .some(value)
        return value
    }

    /// Every input of `other` (loaded sharing this base's people) with its SHA-256, as
    /// ``ProblemInstance/provenance()`` gives it.
    /// A fresh load reads the same files in the same order as this base did, but for the scenario itself (and any
    /// file only `other` names, such as postcode districts, which follow); the shared files are not read again.
    package func provenance(of other: ProblemInstance) -> [InputFile] {
        let scenario = other.filesRead.first { $0.role == "scenario" }
        var files = instance.filesRead.map { $0.role == "scenario" ? (scenario ?? $0) : $0 }
        files += other.filesRead.filter { file in file.role != "scenario" && !files.contains(file) }
        return files + (populationFingerprint().map { [$0] } ?? [])
    }

    /// Whether the estate as it is has been allocated and kept already.
    package var isAllocated: Bool {
        lock.lock()
        defer { lock.unlock() }
        return comparisonBase != nil
    }

    /// The estate as it is, allocated once and kept.
    /// - Throws: ``AllocationError``.
    package func base(solver: SolverKind? = nil) throws(AllocationError) -> EstateComparison.Base {
        lock.lock()
        defer { lock.unlock() }
        if let comparisonBase { return comparisonBase }
        let base = try EstateComparison.Base(instance, solver: solver)
        comparisonBase = base
        return base
    }

    /// plan-as-is.csv of the kept allocation of the estate as it is (12 MB nationally), written once.
    package func planAsIs() throws(AllocationError) -> String {
        let base = try base()
        lock.lock()
        defer { lock.unlock() }
        if let planText { return planText }
        let text = PlanWriter.csv(base.allocation)
        planText = text
        return text
    }

    /// Whether `other` was read from the same inputs as this base, but for the scenario file itself.
    func sharesInputs(with other: ProblemInstance) -> Bool {
        // Loaded sharing this base, `other` does not read what it shares (the people, the geography); every file it
        // did read must be one this base read, unchanged.
        let read = other.filesRead.filter { $0.role != "scenario" }
        return !other.sharingOverrode && read.allSatisfy(instance.filesRead.contains) && other.baseEstate == instance.baseEstate
    }
}

/// The warm bases, by what they were read from (population, estate, policy and the other inputs a scenario names).
package final class WarmCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(key: String, base: WarmBase)] = []
    /// Bases kept (each holds a population and, once assessed, two allocations).
    let capacity = 3

    /// Loads a scenario, sharing the people of a warm base with the same inputs, or reading everything and
    /// keeping it as a new base.
    /// - Throws: ``InputErrors``.
    func load(_ scenario: ScenarioText, loader: InstanceLoader,
              calibration: Bool) throws(InputErrors) -> (ProblemInstance, WarmBase?) {
        let parsed = try ScenarioLoader.load(scenario.yaml, file: scenario.path)
        let key = [String(describing: parsed.population), parsed.estate, String(describing: parsed.policy),
                   parsed.geography ?? "", parsed.calibration ?? "", parsed.distanceMatrix ?? "",
                   parsed.postcodeDistricts ?? "", calibration ? "calibration" : ""].joined(separator: "|")
        if let base = entry(key) {
            let instance = try loader.load(scenario: scenario.path, options: .init(sharing: base.instance, needsCalibration: calibration))
            if base.sharesInputs(with: instance) { return (instance, base) }
        }
        let instance = try loader.load(scenario: scenario.path, options: .init(needsCalibration: calibration))
        let base = WarmBase(instance)
        store(key, base)
        return (instance, base)
    }

    private func entry(_ key: String) -> WarmBase? {
        lock.lock()
        defer { lock.unlock() }
        return entries.first { $0.key == key }?.base
    }

    private func store(_ key: String, _ base: WarmBase) {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll { $0.key == key }
        entries.append((key, base))
        if entries.count > capacity { entries.removeFirst() }
    }
}
