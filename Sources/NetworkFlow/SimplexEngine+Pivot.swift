// The pivot loop of ``SimplexEngine``: LEMON 1.3.1's block-search pricing and
// its join-node, leaving-arc, flow, tree and potential updates, ported to
// Swift (LEMON: Boost Software Licence; see SimplexEngine.swift).

extension SimplexEngine {
    // MARK: - The simplex loop

    /// Runs block-search pivots until no priceable arc has a negative
    /// reduced cost. Returns whether every artificial arc ends empty, that
    /// is, whether the network is feasible.
    mutating func optimise() -> Bool {
        while findEnteringArc() {
            pivot()
        }
        for u in 0..<nodeCount where flow[arcCount + u] != 0 {
            return false
        }
        return true
    }

    /// Pivots on ``inArc``, whose state gives the direction in which its flow
    /// moves (`lower`: up, `upper`: down; a free arc may be given either).
    @inline(__always)
    mutating func pivot() {
        findJoinNode()
        let change = findLeavingArc()
        changeFlow(change)
        if change {
            updateTreeStructure()
            updatePotential()
        }
        pivotCount += 1
    }

    /// LEMON's block search: scan blocks of about sqrt(arcs) arcs from where
    /// the last search stopped, wrapping around, and take the most negative
    /// reduced cost of the first block that has one.
    @inline(__always)
    mutating func findEnteringArc() -> Bool {
        let source = self.source, target = self.target, cost = self.cost
        let state = self.state, potential = self.potential
        let end = searchArcCount
        var minimum: Int64 = 0
        var best = -1
        var e = nextArc
        var remaining = end
        while remaining > 0 {
            var blockLeft = min(blockSize, remaining)
            remaining -= blockLeft
            while blockLeft > 0 {
                let stop = min(e + blockLeft, end)
                blockLeft -= stop - e
                while e < stop {
                    let reduced = Int64(state[e])
                        &* (cost[e] &+ potential[Int(source[e])] &- potential[Int(target[e])])
                    if reduced < minimum {
                        minimum = reduced
                        best = e
                    }
                    e &+= 1
                }
                if e == end { e = 0 }
            }
            if minimum < 0 {
                inArc = best
                nextArc = e
                return true
            }
        }
        return false
    }

    /// The reduced cost `cost + π[source] - π[target]` of arc `e`.
    @inline(__always)
    func reducedCost(_ e: Int) -> Int64 {
        cost[e] &+ potential[Int(source[e])] &- potential[Int(target[e])]
    }

    // MARK: - LEMON's pivot steps

    @inline(__always)
    mutating func findJoinNode() {
        var u = Int(source[inArc])
        var v = Int(target[inArc])
        while u != v {
            if successorCount[u] < successorCount[v] {
                u = Int(parent[u])
            } else {
                v = Int(parent[v])
            }
        }
        join = u
    }

    /// Finds the leaving arc by Cunningham's rule (the last blocking arc met
    /// from the join node in the direction of the flow change), which keeps
    /// the tree strongly feasible. Returns false if the entering arc itself
    /// blocks first.
    @inline(__always)
    mutating func findLeavingArc() -> Bool {
        let first: Int, second: Int
        let direction = state[inArc]
        if direction == ArcState.lower {
            first = Int(source[inArc])
            second = Int(target[inArc])
        } else {
            first = Int(target[inArc])
            second = Int(source[inArc])
        }
        // Room on the entering arc itself: its capacity for a non-tree arc
        // at a bound, less for a free arc entered during a flow warm start.
        delta = direction == ArcState.lower ? capacity[inArc] &- flow[inArc] : flow[inArc]
        var result = 0
        var u = first
        while u != join {
            let e = Int(pred[u])
            var room = flow[e]
            if predDirection[u] == TreeDirection.down { room = capacity[e] &- room }
            if room < delta {
                delta = room
                uOut = u
                result = 1
            }
            u = Int(parent[u])
        }
        u = second
        while u != join {
            let e = Int(pred[u])
            var room = flow[e]
            if predDirection[u] == TreeDirection.up { room = capacity[e] &- room }
            if room <= delta {
                delta = room
                uOut = u
                result = 2
            }
            u = Int(parent[u])
        }
        if result == 1 {
            uIn = first
            vIn = second
        } else {
            uIn = second
            vIn = first
        }
        return result != 0
    }

    @inline(__always)
    mutating func changeFlow(_ change: Bool) {
        if delta > 0 {
            let amount = Int64(state[inArc]) &* delta
            flow[inArc] &+= amount
            var u = Int(source[inArc])
            while u != join {
                flow[Int(pred[u])] &-= Int64(predDirection[u]) &* amount
                u = Int(parent[u])
            }
            u = Int(target[inArc])
            while u != join {
                flow[Int(pred[u])] &+= Int64(predDirection[u]) &* amount
                u = Int(parent[u])
            }
        }
        if change {
            state[inArc] = ArcState.tree
            let leaving = Int(pred[uOut])
            state[leaving] = flow[leaving] == 0 ? ArcState.lower : ArcState.upper
        } else {
            state[inArc] = -state[inArc]
        }
    }

    /// LEMON's tree update after a pivot that changed the tree: the subtree
    /// below the leaving arc (rooted at ``uOut``) is re-rooted at ``uIn`` and
    /// hung from ``vIn`` on the entering arc, and the thread, parents, pred
    /// arcs, directions, successor counts and last successors are brought up
    /// to date. (LEMON's one function, in four parts, all inlined here.)
    @inline(__always)
    mutating func updateTreeStructure() {
        let oldReverseThread = Int(reverseThread[uOut])
        let oldSuccessorCount = successorCount[uOut]
        let oldLastSuccessor = Int(lastSuccessor[uOut])
        vOut = Int(parent[uOut])

        if uIn == uOut {
            replacePredArc(oldReverseThread: oldReverseThread, oldLastSuccessor: oldLastSuccessor)
        } else {
            reverseStem(oldReverseThread: oldReverseThread, oldSuccessorCount: oldSuccessorCount,
                        oldLastSuccessor: oldLastSuccessor)
        }
        updateLastSuccessors(oldReverseThread: oldReverseThread, oldLastSuccessor: oldLastSuccessor)
        updateSuccessorCounts(moved: oldSuccessorCount)
    }

    /// The tree update when ``uIn`` is ``uOut``: only its pred arc changes,
    /// and its subtree moves in the thread to follow ``vIn``.
    @inline(__always)
    private mutating func replacePredArc(oldReverseThread: Int, oldLastSuccessor: Int) {
        parent[uIn] = Int32(vIn)
        pred[uIn] = Int32(inArc)
        predDirection[uIn] = uIn == Int(source[inArc]) ? TreeDirection.up : TreeDirection.down
        if Int(thread[vIn]) != uOut {
            var after = Int(thread[oldLastSuccessor])
            thread[oldReverseThread] = Int32(after)
            reverseThread[after] = Int32(oldReverseThread)
            after = Int(thread[vIn])
            thread[vIn] = Int32(uOut)
            reverseThread[uOut] = Int32(vIn)
            thread[oldLastSuccessor] = Int32(after)
            reverseThread[after] = Int32(oldLastSuccessor)
        }
    }

    /// The tree update when ``uIn`` is a proper descendant of ``uOut``: the
    /// stem, the path from ``uIn`` up to ``uOut``, is turned upside down to
    /// hang from ``vIn``, fixing the thread, and then its pred arcs,
    /// directions, successor counts and last successors.
    @inline(__always)
    private mutating func reverseStem(oldReverseThread: Int, oldSuccessorCount: Int32, oldLastSuccessor: Int) {
        // When oldReverseThread is vIn, join and vOut coincide.
        let threadContinue = oldReverseThread == vIn
            ? Int(thread[oldLastSuccessor]) : Int(thread[vIn])

        // Re-hang the stem nodes between uIn and uOut, fixing the thread.
        var stem = uIn
        var parentStem = vIn
        var last = Int(lastSuccessor[uIn])
        var after = Int(thread[last])
        thread[vIn] = Int32(uIn)
        var dirtyCount = 0
        dirtyReverse[dirtyCount] = Int32(vIn)
        dirtyCount += 1
        while stem != uOut {
            let nextStem = Int(parent[stem])
            thread[last] = Int32(nextStem)
            dirtyReverse[dirtyCount] = Int32(last)
            dirtyCount += 1

            let before = Int(reverseThread[stem])
            thread[before] = Int32(after)
            reverseThread[after] = Int32(before)

            parent[stem] = Int32(parentStem)
            parentStem = stem
            stem = nextStem

            last = lastSuccessor[stem] == lastSuccessor[parentStem]
                ? Int(reverseThread[parentStem]) : Int(lastSuccessor[stem])
            after = Int(thread[last])
        }
        parent[uOut] = Int32(parentStem)
        thread[last] = Int32(threadContinue)
        reverseThread[threadContinue] = Int32(last)
        lastSuccessor[uOut] = Int32(last)

        if oldReverseThread != vIn {
            thread[oldReverseThread] = Int32(after)
            reverseThread[after] = Int32(oldReverseThread)
        }
        for i in 0..<dirtyCount {
            let u = Int(dirtyReverse[i])
            reverseThread[Int(thread[u])] = Int32(u)
        }

        // pred, direction, successor counts and last successors along the stem.
        var successorTotal: Int32 = 0
        let stemLast = lastSuccessor[uOut]
        var u = uOut
        var p = Int(parent[u])
        while u != uIn {
            pred[u] = pred[p]
            predDirection[u] = -predDirection[p]
            successorTotal &+= successorCount[u] &- successorCount[p]
            successorCount[u] = successorTotal
            lastSuccessor[p] = stemLast
            u = p
            p = Int(parent[u])
        }
        pred[uIn] = Int32(inArc)
        predDirection[uIn] = uIn == Int(source[inArc]) ? TreeDirection.up : TreeDirection.down
        successorCount[uIn] = oldSuccessorCount
    }

    /// Last successors from ``vIn`` and from ``vOut`` towards the root.
    @inline(__always)
    private mutating func updateLastSuccessors(oldReverseThread: Int, oldLastSuccessor: Int) {
        let upLimitOut = Int(lastSuccessor[join]) == vIn ? join : -1
        let lastSuccessorOut = lastSuccessor[uOut]
        var u = vIn
        while u != -1 && Int(lastSuccessor[u]) == vIn {
            lastSuccessor[u] = lastSuccessorOut
            u = Int(parent[u])
        }
        if join != oldReverseThread && vIn != oldReverseThread {
            u = vOut
            while u != upLimitOut && Int(lastSuccessor[u]) == oldLastSuccessor {
                lastSuccessor[u] = Int32(oldReverseThread)
                u = Int(parent[u])
            }
        } else if Int(lastSuccessorOut) != oldLastSuccessor {
            u = vOut
            while u != upLimitOut && Int(lastSuccessor[u]) == oldLastSuccessor {
                lastSuccessor[u] = lastSuccessorOut
                u = Int(parent[u])
            }
        }
    }

    /// Successor counts from ``vIn`` and from ``vOut`` up to the join node,
    /// which gain and lose the `moved` nodes of the re-hung subtree.
    @inline(__always)
    private mutating func updateSuccessorCounts(moved: Int32) {
        var u = vIn
        while u != join {
            successorCount[u] &+= moved
            u = Int(parent[u])
        }
        u = vOut
        while u != join {
            successorCount[u] &-= moved
            u = Int(parent[u])
        }
    }

    /// Shifts the potentials of the moved subtree so that the entering arc
    /// has zero reduced cost, or, if the subtree holds more than half of the
    /// nodes, shifts all the other nodes (the root included) the other way,
    /// which changes no reduced cost and walks fewer nodes. (LEMON always
    /// walks the subtree.) The root's potential thus drifts; potentials are
    /// only ever combined in differences, with wrapping arithmetic, which
    /// stays exact, and ``solution(of:)`` measures them from the root.
    @inline(__always)
    mutating func updatePotential() {
        let sigma = potential[vIn] &- potential[uIn]
            &- Int64(predDirection[uIn]) &* cost[inArc]
        let end = Int(thread[Int(lastSuccessor[uIn])])
        if Int(successorCount[uIn]) &* 2 <= nodeCount &+ 1 {
            var u = uIn
            while u != end {
                potential[u] &+= sigma
                u = Int(thread[u])
            }
        } else {
            var u = end
            while u != uIn {
                potential[u] &-= sigma
                u = Int(thread[u])
            }
        }
    }
}
