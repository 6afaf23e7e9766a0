import Foundation
import Testing

/// `homeward sweep --shard K/N` and `homeward sweep merge`, run as a job array would run them.
@Suite("homeward sweep --shard and sweep merge", .serialized)
struct SweepShardCLITests {
    static let files = ["sweep.csv", "sweep.html", "sweep.json", "sweep.md"]
    /// Four reception prisons: six pairs of closures.
    static let among = "BFI,BLI,BMI,CDI"

    /// A small scenario: the national estate and 400 synthetic people drawn with `seed`.
    static func scenario(in folder: URL, seed: Int = 3) throws -> String {
        let path = folder.appendingPathComponent("small-\(seed).yaml")
        try CLI.write("""
            name: Small sample
            question: Which pairs of closures would keep people nearest home?
            estate: \(CLI.root.appendingPathComponent("Estate/establishments.csv").path)
            population:
              synth: {size: 400, seed: \(seed)}
            policy: \(CLI.root.appendingPathComponent("Scenarios/policy.yaml").path)

            """, to: path)
        return path.path
    }

    static func sweep(_ scenario: String, out: URL, _ extra: [String] = [], environment: [String: String]? = nil) throws -> CLI.Result {
        try CLI.run(["sweep", scenario, "--change", "close-pairs", "--among", among, "--omit-timing", "--threads", "2",
                     "--out", out.path] + extra, environment: environment)
    }

    @Test func theMergeOfNShardsEqualsTheSingleRunByteForByte() throws {
        let dir = try CLI.temporaryDirectory("shards")
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario(in: dir)
        let whole = try Self.sweep(scenario, out: dir.appendingPathComponent("whole"))
        try #require(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stdout.hasPrefix("Sweep close-pairs: 6 scenarios (every pair of 4 establishments)\n"), "\(whole.stdout)")
        let wholeFiles = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("whole").path).sorted()
        #expect(wholeFiles == Self.files)
        // 8 shards of 6 scenarios: shards 7 and 8 run none.
        for count in [1, 2, 3, 8] {
            var folders: [String] = []
            for k in 1...count {
                let folder = dir.appendingPathComponent("n\(count)-k\(k)")
                let shard = try Self.sweep(scenario, out: folder, ["--shard", "\(k)/\(count)"])
                try #require(shard.status == 0, "\(shard.stderr)")
                #expect(shard.stdout.contains("shard \(k) of \(count) runs \(k <= 6 ? (6 - k) / count + 1 : 0) of them"), "\(shard.stdout)")
                folders.append(folder.path)
            }
            let merged = dir.appendingPathComponent("merged-\(count)")
            let merge = try CLI.run(["sweep", "merge"] + folders.reversed() + ["--out", merged.path])
            try #require(merge.status == 0, "\(merge.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: merged.path).sorted() == Self.files)
            for name in Self.files {
                let a = try Data(contentsOf: dir.appendingPathComponent("whole").appendingPathComponent(name))
                let b = try Data(contentsOf: merged.appendingPathComponent(name))
                #expect(a == b, "\(name) merged from \(count) shards differs from the single run's")
            }
        }
        // The Kubernetes index (from 0) and count name shard 2 of 2, as --shard 2/2 does.
        var environment = ProcessInfo.processInfo.environment
        environment["JOB_COMPLETION_INDEX"] = "1"
        environment["HOMEWARD_SHARD_COUNT"] = "2"
        environment["SLURM_ARRAY_TASK_ID"] = nil
        let fromEnvironment = try Self.sweep(scenario, out: dir.appendingPathComponent("env"), ["--shard-from-env"], environment: environment)
        try #require(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(try CLI.read(dir.appendingPathComponent("env/shard.json")) == CLI.read(dir.appendingPathComponent("n2-k2/shard.json")))
    }

    @Test func mergeRefusesShardsThatDoNotBelongTogetherAndWritesNothing() throws {
        let dir = try CLI.temporaryDirectory("shard-refusals")
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try Self.scenario(in: dir), other = try Self.scenario(in: dir, seed: 4)
        let one = dir.appendingPathComponent("one"), two = dir.appendingPathComponent("two"), twoOther = dir.appendingPathComponent("two-other")
        for (path, folder, shard) in [(scenario, one, "1/2"), (scenario, two, "2/2"), (other, twoOther, "2/2")] {
            let result = try Self.sweep(path, out: folder, ["--shard", shard])
            try #require(result.status == 0, "\(result.stderr)")
        }
        let out = dir.appendingPathComponent("merged")
        let missing = try CLI.run(["sweep", "merge", one.path, "--out", out.path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("shards: this is shard 1 of 2, but shard 2 of 2 was not given"), "\(missing.stderr)")
        let mixed = try CLI.run(["sweep", "merge", one.path, twoOther.path, "--out", out.path])
        #expect(mixed.status == 65)
        #expect(mixed.stderr.contains("\(twoOther.path)/shard.json: inputs.population: synthetic: size 400, seed 4 has SHA-256"), "\(mixed.stderr)")
        let duplicate = try CLI.run(["sweep", "merge", one.path, two.path, two.path, "--out", out.path])
        #expect(duplicate.status == 65)
        #expect(duplicate.stderr.contains("shard: 'shard 2 of 2, also given as \(two.path)/shard.json' appears more than once"), "\(duplicate.stderr)")
        let notAShard = try CLI.run(["sweep", "merge", one.path, dir.path, "--out", out.path])
        #expect(notAShard.status == 65)
        #expect(notAShard.stderr.contains("\(dir.path)/shard.json: cannot be read"), "\(notAShard.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains("merged") })
        let fine = try CLI.run(["sweep", "merge", one.path, two.path, "--out", out.path])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test(arguments: [
        (["--shard", "0/3"], "--shard: the shard must be from 1 to 3 (counting from 1), not 0"),
        (["--shard", "4/3"], "--shard: the shard must be from 1 to 3 (counting from 1), not 4"),
        (["--shard", "three"], "--shard: 'three' is not K/N (for example 3/8: the third of eight shards)"),
        (["--shard", "1/2", "--shard-from-env"], "give --shard or --shard-from-env, not both"),
        (["--among", "BFI,XXI,YYI"], "--among: 'XXI', 'YYI' are not establishments of the estate (see `homeward estate show`)"),
    ])
    func badShardOptionsAreRefusedNamingTheOption(arguments: [String], message: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("homeward-bad-shard-\(UUID().uuidString)")
        let result = try CLI.run(["sweep", "Scenarios/quick.yaml", "--change", "close"] + arguments + ["--out", out.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aShardFromAnEnvironmentWithoutASchedulerIsRefused() throws {
        var environment = ProcessInfo.processInfo.environment
        for name in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] { environment[name] = nil }
        let result = try CLI.run(["sweep", "Scenarios/quick.yaml", "--change", "close", "--shard-from-env", "--out", "/tmp/homeward-never"],
                                 environment: environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--shard-from-env: neither SLURM_ARRAY_TASK_ID (a Slurm job array) nor JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) is set"))
    }
}
