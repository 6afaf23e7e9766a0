import LinearProgramming
import Testing

@Suite("Flow network values")
struct FlowNetworkTests {
    @Test func nodeArcProgramHasOneColumnPerArcAndOneRowPerNodeButTheOmittedOne() {
        var network = FlowNetwork(nodeCount: 0)
        let s = network.addNode(supply: 3)
        let a = network.addNode()
        let t = network.addNode(supply: -3)
        network.addArc(from: s, to: a, cost: 2, capacity: 5)
        network.addArc(from: a, to: t, cost: 1, capacity: 2)
        network.addArc(from: s, to: t, cost: 7, capacity: 9)
        let program = network.linearProgram(name: "n", omittedNode: t, nodeName: { "v\($0)" }, arcName: { "a\($0)" })
        #expect(program.rows.map(\.name) == ["v0", "v1"])
        #expect(program.rows.map(\.bounds) == [.fixed(3), .fixed(0)])
        #expect(program.columns.map(\.cost) == [2, 1, 7])
        #expect(program.columns.map(\.bounds) == [.between(0, 5), .between(0, 2), .between(0, 9)])
        #expect(program.entries == [
            .init(row: 0, column: 0, value: 1), .init(row: 1, column: 0, value: -1),
            .init(row: 1, column: 1, value: 1),
            .init(row: 0, column: 2, value: 1),
        ])
    }

    @Test func violationsNameEveryBrokenBoundAndBalance() {
        var network = FlowNetwork(nodeCount: 2)
        network.supplies = [2, -2]
        network.addArc(from: 0, to: 1, cost: 1, capacity: 1)
        #expect(network.violations(of: [1]) == [
            "node 0 has net outflow 1 against supply 2", "node 1 has net outflow -1 against supply -2",
        ])
        #expect(network.violations(of: [2]) == ["arc 0 carries 2 outside [0, 1]"])
    }
}
