import Foundation

extension Sweep {
    /// One of N slices of a sweep's scenarios, so that a large sweep can run as N jobs (a Slurm job array, a
    /// Kubernetes Indexed Job) whose outputs are merged afterwards.
    ///
    /// Scenarios are dealt out in turn: shard K of N runs scenarios K-1, K-1+N, K-1+2N, … (0-based). Dealing
    /// rather than cutting into contiguous blocks balances the work, because neighbouring scenarios cost
    /// alike: a pair sweep lists all the pairs of one establishment together, a re-role sweep an
    /// establishment's two re-roles together, and the estate is listed by region, so a block could hold every
    /// scenario of a large, crowded region. Dealt out, the shards' counts differ by at most one and each gets a
    /// sample of every part of the list.
    public struct Shard: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// 1-based: shard 1 of N is the first.
        public let number: Int
        public let count: Int

        /// Shard `number` of `count`.
        /// - Throws: ``ShardError`` unless 1 ≤ number ≤ count ≤ 100,000.
        public init(number: Int, count: Int) throws(ShardError) {
            guard (1...Shard.maxCount).contains(count) else { throw .countOutOfRange(count) }
            guard (1...count).contains(number) else { throw .numberOutOfRange(number, count: count) }
            self.number = number
            self.count = count
        }

        /// The most shards a sweep may be cut into.
        public static let maxCount = 100_000

        /// Parses `K/N` (for example `3/8`: the third of eight shards, counting from 1).
        /// - Throws: ``ShardError``.
        public init(argument: String) throws(ShardError) {
            let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let number = Int(parts[0]), let count = Int(parts[1]) else {
                throw .malformed(argument)
            }
            try self.init(number: number, count: count)
        }

        /// The shard a job scheduler's environment names.
        ///
        /// - Slurm job array (`sbatch --array=0-7` or `--array=1-8`): shard `SLURM_ARRAY_TASK_ID −
        ///   SLURM_ARRAY_TASK_MIN + 1` of `SLURM_ARRAY_TASK_COUNT`; the array must have no step (`:2`) or gaps.
        /// - Kubernetes Indexed Job: shard `JOB_COMPLETION_INDEX + 1` (the index counts from 0) of
        ///   `HOMEWARD_SHARD_COUNT`, which the job sets to its `completions` (Kubernetes does not pass the count).
        /// - Throws: ``ShardError/environment(_:)`` naming what is missing or inconsistent.
        public static func fromEnvironment(_ environment: [String: String]) throws(ShardError) -> Shard {
            func integer(_ name: String) throws(ShardError) -> Int {
                guard let text = environment[name] else { throw .environment("\(name) is not set") }
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                    throw .environment("\(name) is '\(text)', not a whole number")
                }
                return value
            }
            if environment["SLURM_ARRAY_TASK_ID"] != nil {
                let id = try integer("SLURM_ARRAY_TASK_ID"), minimum = try integer("SLURM_ARRAY_TASK_MIN")
                let maximum = try integer("SLURM_ARRAY_TASK_MAX"), count = try integer("SLURM_ARRAY_TASK_COUNT")
                guard maximum - minimum + 1 == count else {
                    throw .environment("the Slurm array runs \(count) tasks from \(minimum) to \(maximum); give --array a range without a step or gaps, such as 0-\(count - 1)")
                }
                return try Shard(number: id - minimum + 1, count: count)
            }
            if environment["JOB_COMPLETION_INDEX"] != nil {
                let index = try integer("JOB_COMPLETION_INDEX")
                guard environment["HOMEWARD_SHARD_COUNT"] != nil else {
                    throw .environment("JOB_COMPLETION_INDEX is set but HOMEWARD_SHARD_COUNT is not; set it to the Job's completions")
                }
                return try Shard(number: index + 1, count: try integer("HOMEWARD_SHARD_COUNT"))
            }
            throw .environment("neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set")
        }

        /// The indices of the scenarios this shard runs, of `total` in all (possibly none, when there are
        /// fewer scenarios than shards).
        public func indices(of total: Int) -> [Int] {
            Array(stride(from: number - 1, to: total, by: count))
        }

        /// "3/8".
        public var description: String { "\(number)/\(count)" }
    }

    /// Why a shard was refused.
    public enum ShardError: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed(String)
        case countOutOfRange(Int)
        case numberOutOfRange(Int, count: Int)
        case environment(String)

        public var description: String {
            switch self {
            case let .malformed(text): return "'\(text)' is not K/N (for example 3/8: the third of eight shards)"
            case let .countOutOfRange(n): return "the number of shards must be from 1 to \(Shard.maxCount), not \(n)"
            case let .numberOutOfRange(k, n): return "the shard must be from 1 to \(n) (counting from 1), not \(k)"
            case let .environment(text): return text
            }
        }
    }
}
