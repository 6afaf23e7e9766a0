import LinearProgramming
import SeededRandom
import Testing

@Suite("DIMACS min-cost flow export")
struct DIMACSWriterTests {
    @Test func aSmallNetworkIsWrittenExactly() {
        var network = FlowNetwork(nodeCount: 0)
        let s = network.addNode(supply: 3)
        let a = network.addNode()
        let t = network.addNode(supply: -3)
        network.addArc(from: s, to: a, cost: 2, capacity: 5)
        network.addArc(from: a, to: t, cost: -1, capacity: 2)
        network.addArc(from: s, to: t, cost: 700, capacity: 9)
        let text = DIMACSWriter.write(network, comment: ["tiny", "two\nlines"])
        #expect(text == """
            c tiny
            c two lines
            p min 3 3
            n 1 3
            n 3 -3
            a 1 2 0 5 2
            a 2 3 0 2 -1
            a 1 3 0 9 700

            """)
    }

    @Test func aRandomNetworkReadsBackArcForArc() throws {
        var random = SeededRandom(seed: 7)
        var network = FlowNetwork(nodeCount: 0)
        let nodes = 40
        for _ in 0..<nodes { network.addNode() }
        for _ in 0..<300 {
            let tail = random.below(nodes), head = random.below(nodes)
            network.addArc(from: tail, to: head, cost: Int64(random.integer(in: -50...10_000)),
                           capacity: Int64(random.integer(in: 0...1_000_000)))
        }
        for _ in 0..<10 {
            let from = random.below(nodes), to = random.below(nodes)
            let amount = Int64(random.integer(in: 1...500))
            network.supplies[from] += amount
            network.supplies[to] -= amount
        }
        let read = try #require(Self.read(DIMACSWriter.write(network, comment: ["random"])))
        #expect(read == network)
    }

    /// A minimal DIMACS `p min` reader, independent of the writer.
    static func read(_ text: String) -> FlowNetwork? {
        var network: FlowNetwork?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            switch fields.first {
            case "p":
                guard fields.count == 4, fields[1] == "min", let n = Int(fields[2]) else { return nil }
                network = FlowNetwork(nodeCount: n)
            case "n":
                guard fields.count == 3, let v = Int(fields[1]), let supply = Int64(fields[2]) else { return nil }
                network?.supplies[v - 1] = supply
            case "a":
                guard fields.count == 6, let t = Int(fields[1]), let h = Int(fields[2]), fields[3] == "0",
                      let capacity = Int64(fields[4]), let cost = Int64(fields[5]) else { return nil }
                network?.addArc(from: t - 1, to: h - 1, cost: cost, capacity: capacity)
            case "c": continue
            default: return nil
            }
        }
        return network
    }
}
