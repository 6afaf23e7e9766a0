import Foundation
import HomewardDomain

/// Rough peak memory of a run, so that an out-of-memory-sized request is
/// refused up front with an estimate instead of being killed half way.
///
/// Measured peaks (resident set size, Linux, Swift 6.3, release build, at
/// stop 17's code): synthesising 88,000 people 64 MiB and 500,000 people
/// 243 MiB; allocating 3,000 people 54 MiB, 88,000 people 324 MiB, 200,000
/// people 557 MiB and 400,000 people 819 MiB. An allocation's network grows
/// fast at first (groups and profiles fill out the estate's combinations)
/// and then by about 1.6 KB a person, so its fixed part is set at 192 MiB.
/// The figures below are deliberately above every measurement. A sweep (one
/// network per thread) or a simulation (the last week's basis beside this
/// week's network) holds about twice an allocation's peak: 630–760 MiB for
/// the national population.
public enum MemoryEstimate {
    /// Fixed cost of synthesising: the estate, geography, code and buffers.
    public static let synthesisBaseBytes: UInt64 = 64 << 20
    /// Fixed cost of allocating: as for synthesis, plus the distance table and a network whose groups
    /// and profiles already cover most of the estate's combinations at a few thousand people.
    public static let allocationBaseBytes: UInt64 = 192 << 20
    /// Per person to synthesise, place and write a population.
    public static let synthesisBytesPerPerson: UInt64 = 512
    /// Per person to allocate: the population, the model, the solver's network and the plan.
    public static let allocationBytesPerPerson: UInt64 = 2048
    /// The largest population Homeward accepts at all, whatever the machine.
    public static let maxPeople = 2_000_000
    /// Share of physical memory a run may plan to use (the rest is the system's and other programs').
    public static let usableShare = 0.75

    /// What the run does with the people.
    public enum Work: Sendable {
        case synthesis
        case allocation

        var baseBytes: UInt64 { self == .synthesis ? synthesisBaseBytes : allocationBaseBytes }
        var bytesPerPerson: UInt64 { self == .synthesis ? synthesisBytesPerPerson : allocationBytesPerPerson }
        var verb: String { self == .synthesis ? "synthesise" : "allocate" }
    }

    /// Estimated peak bytes for `people` people (saturating: never overflows).
    public static func bytes(people: Int, for work: Work) -> UInt64 {
        let (product, overflow) = UInt64(max(0, people)).multipliedReportingOverflow(by: work.bytesPerPerson)
        if overflow { return .max }
        let (total, overflow2) = product.addingReportingOverflow(work.baseBytes)
        return overflow2 ? .max : total
    }

    /// This machine's physical memory in bytes.
    public static var physicalMemory: UInt64 { ProcessInfo.processInfo.physicalMemory }

    /// Why `people` people are refused, or nil if the request fits.
    /// - Parameters:
    ///   - people: the requested population size.
    ///   - work: what will be done with them.
    ///   - memory: the machine's physical memory (default: this machine's).
    /// - Returns: a sentence such as "1,000,000,000 people would need about 1,863 GiB of memory to allocate;
    ///   this machine has 23 GiB", or nil.
    public static func refusal(people: Int, for work: Work, memory: UInt64 = physicalMemory) -> String? {
        let need = bytes(people: people, for: work)
        let usable = UInt64(Double(memory) * usableShare)
        guard people > maxPeople || need > usable else { return nil }
        var text = "\(Format.grouped(people)) people would need about \(size(need)) of memory to \(work.verb); this machine has \(size(memory))"
        if people > maxPeople { text += "; Homeward takes at most \(Format.grouped(maxPeople)) people" }
        return text
    }

    /// The most people that fit, for a hint.
    public static func maxPeople(for work: Work, memory: UInt64 = physicalMemory) -> Int {
        let usable = UInt64(Double(memory) * usableShare)
        guard usable > work.baseBytes else { return 0 }
        return Int(min(UInt64(maxPeople), (usable - work.baseBytes) / work.bytesPerPerson))
    }

    /// Bytes as GiB (or MiB below 1 GiB), rounded, e.g. "23 GiB".
    public static func size(_ bytes: UInt64) -> String {
        if bytes == .max { return "more than 16 EiB" }
        let gib = Double(bytes) / Double(1 << 30)
        if gib >= 1 { return "\(Format.grouped(Int(gib.rounded()))) GiB" }
        return "\(Int((Double(bytes) / Double(1 << 20)).rounded())) MiB"
    }
}
