import Foundation
import GRDB

/// The web workspace's history in SQLite (`DATA/homeward.sqlite`): saved scenarios, runs with their inputs'
/// SHA-256, timings, objective and headline figures, and the files each run wrote. Schema changes are
/// migrations (``migrator``), never edits of an old one.
package final class Store: Sendable {
    let database: DatabaseQueue

    /// Opens (creating if needed) the database at `path`, or an in-memory one when `path` is nil, and migrates it.
    package init(path: String?) throws {
        database = try path.map { try DatabaseQueue(path: $0) } ?? DatabaseQueue()
        try Store.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: scenarios, runs, run files") { db in
            try db.create(table: "scenario") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("name", .text).notNull()
                t.column("yaml", .text).notNull()
                t.column("savedBy", .text).notNull().defaults(to: "")
                t.column("created", .text).notNull()
            }
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("status", .text).notNull()
                t.column("scenarioName", .text).notNull()
                // The scenarios run, as a JSON array of {"path", "yaml"} (two or more for a comparison).
                t.column("scenarios", .text).notNull()
                // Options of the kind (sweep change and limit, simulation weeks and seed), as JSON.
                t.column("options", .text).notNull()
                // The inputs read, as a JSON array of {"role", "path", "sha256"}.
                t.column("inputs", .text).notNull().defaults(to: "[]")
                t.column("created", .text).notNull()
                t.column("started", .text)
                t.column("finished", .text)
                t.column("seconds", .double)
                t.column("objective", .integer)
                // Headline figures, as a JSON array of [key, value].
                t.column("figures", .text).notNull().defaults(to: "[]")
                t.column("warm", .boolean).notNull().defaults(to: false)
                t.column("error", .text)
            }
            try db.create(table: "runFile") { t in
                t.column("runId", .integer).notNull().references("run", onDelete: .cascade)
                t.column("name", .text).notNull()
                t.column("bytes", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.primaryKey(["runId", "name"])
            }
        }
        return migrator
    }
}

/// A saved scenario.
package struct ScenarioRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "scenario"
    package var id: Int64?
    package var name: String
    package var yaml: String
    package var savedBy: String
    package var created: String

    package mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One run: what was asked, how it went, and what it found.
package struct RunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    package static let databaseTableName = "run"
    package var id: Int64?
    package var kind: String
    package var status: String
    package var scenarioName: String
    package var scenarios: String
    package var options: String
    package var inputs: String
    package var created: String
    package var started: String?
    package var finished: String?
    package var seconds: Double?
    package var objective: Int64?
    package var figures: String
    package var warm: Bool
    package var error: String?

    package mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One file a run wrote into its folder.
package struct RunFileRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    package static let databaseTableName = "runFile"
    package var runId: Int64
    package var name: String
    package var bytes: Int
    package var sha256: String
}

extension Store {
    package func insert(_ scenario: ScenarioRecord) throws -> ScenarioRecord {
        try database.write { db in
            var record = scenario
            try record.insert(db)
            return record
        }
    }

    package func scenarios() throws -> [ScenarioRecord] {
        try database.read { db in try ScenarioRecord.order(Column("id").desc).fetchAll(db) }
    }

    package func scenario(_ id: Int64) throws -> ScenarioRecord? {
        try database.read { db in try ScenarioRecord.fetchOne(db, key: id) }
    }

    package func insert(_ run: RunRecord) throws -> RunRecord {
        try database.write { db in
            var record = run
            try record.insert(db)
            return record
        }
    }

    package func update(_ run: RunRecord) throws {
        try database.write { db in try run.update(db) }
    }

    /// Records a finished run and its files together.
    package func finish(_ run: RunRecord, files: [RunFileRecord]) throws {
        try database.write { db in
            try run.update(db)
            for file in files { try file.insert(db) }
        }
    }

    package func runs() throws -> [RunRecord] {
        try database.read { db in try RunRecord.order(Column("id").desc).fetchAll(db) }
    }

    package func run(_ id: Int64) throws -> RunRecord? {
        try database.read { db in try RunRecord.fetchOne(db, key: id) }
    }

    package func files(of run: Int64) throws -> [RunFileRecord] {
        try database.read { db in
            try RunFileRecord.filter(Column("runId") == run).order(Column("name")).fetchAll(db)
        }
    }

    /// Runs left queued or running by a server that stopped: they can never finish now.
    package func markInterrupted(at time: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE run SET status = 'failed', finished = ?, error = ? WHERE status IN ('queued', 'running')",
                           arguments: [time, "the server stopped before the run finished"])
        }
    }
}
