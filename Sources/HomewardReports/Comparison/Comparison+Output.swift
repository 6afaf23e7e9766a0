import HomewardCore

extension Comparison {
    /// The decimals each kind of value is written with.
    static func decimals(_ kind: Kind) -> Int {
        switch kind {
        case .count: return 0
        case .points: return 2
        case .miles: return 1
        case .share: return 4
        }
    }

    /// `value` for a reader: "1,234", "12.5", "65.4%"; "–" when missing.
    public static func text(_ value: Double?, _ kind: Kind) -> String {
        guard let value else { return "–" }
        switch kind {
        case .count: return SVGChart.ValueFormat.grouped(value, 0)
        case .points: return SVGChart.ValueFormat.grouped(value, 2)
        case .miles: return Format.fixed(value, 1)
        case .share: return Format.percent(value, 1)
        }
    }

    /// Every figure, machine-readable.
    public func json() -> JSON {
        .object([
            ("configurations", .array(names.indices.map { k in
                .object([("name", .string(names[k])), ("file", .string(files[k])), ("status", .string(statuses[k])),
                         ("solver", .string(solvers[k]))])
            })),
            ("people", .int(peopleCount)),
            ("synthetic_population", .bool(synthetic)),
            ("rows", .array(rows.map { row in
                .object([("section", .string(row.section)), ("key", .string(row.key)), ("label", .string(row.label.trimmingLeadingSpaces)),
                         ("unit", .string(row.kind.rawValue)),
                         ("values", .array(row.values.map { .num($0, Comparison.decimals(row.kind)) }))])
            })),
            ("top_shadow_prices", .array(shadowPrices.map { list in
                .array(list.map { .object([("code", .string($0.code)), ("name", .string($0.name)), ("points_per_place", .num($0.points, 2))]) })
            })),
        ])
    }

    /// One row per measure, one column per configuration; shadow prices as ranked rows at the end.
    public func csv() -> String {
        var out = (["measure"] + names).map(csvField).joined(separator: ",") + "\n"
        for row in rows {
            out += ([row.key] + row.values.map { $0.map { Format.fixed($0, Comparison.decimals(row.kind)) } ?? "" })
                .map(csvField).joined(separator: ",") + "\n"
        }
        for rank in 0..<10 {
            out += (["shadow_price_\(rank + 1)_establishment"] + shadowPrices.map { rank < $0.count ? $0[rank].code : "" })
                .map(csvField).joined(separator: ",") + "\n"
            out += (["shadow_price_\(rank + 1)_points_per_place"] + shadowPrices.map { rank < $0.count ? Format.fixed($0[rank].points, 2) : "" })
                .map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The report, for HTML and Markdown.
    public func document() -> ReportDocument {
        var doc = ReportDocument(
            title: "Estate configurations compared",
            subtitle: "\(names.count) configurations allocated with the same \(Format.grouped(peopleCount)) people and the same policy; each allocation is optimal.",
            banner: synthetic ? "Illustrative: the people are synthetic, generated from published figures, because prisoner-level data are not public. The establishments and capacities are real." : nil)
        doc.add(.table(.init(caption: "Configurations", header: ["", "Scenario file", "Solver", "Status"],
                             rows: names.indices.map { [names[$0], files[$0], solvers[$0], statuses[$0]] },
                             numeric: [false, false, false, false])))
        if names.count >= 2 {
            let first = rows.first { $0.key == "mean_miles" }!, share = rows.first { $0.key == "within_50_miles" }!
            var sentences: [String] = []
            for k in 1..<names.count {
                guard let a = first.values[0], let b = first.values[k], let s0 = share.values[0], let s1 = share.values[k] else { continue }
                let miles = Format.fixed(abs(b - a), 1)
                let how = miles == "0.0" ? "at the same average distance from home" : "on average \(miles) miles \(b > a ? "further from" : "closer to") home"
                sentences.append("Compared with \(names[0]), \(names[k]) holds people \(how), with \(Format.percent(s1, 1)) within 50 miles (against \(Format.percent(s0, 1))).")
            }
            if !sentences.isEmpty { doc.add(.paragraph(sentences.joined(separator: " "))) }
        }
        var section = ""
        var tableRows: [[String]] = []
        func flush() {
            guard !tableRows.isEmpty else { return }
            doc.add(.table(.init(caption: section, header: ["Measure"] + names, rows: tableRows,
                                 numeric: [false] + names.map { _ in true })))
            tableRows = []
        }
        for row in rows {
            if row.section != section { flush(); section = row.section }
            tableRows.append([row.label.trimmingLeadingSpaces] + row.values.map { Comparison.text($0, row.kind) })
        }
        flush()

        let mean = rows.first { $0.key == "mean_miles" }!
        let within = rows.first { $0.key == "within_50_miles" }!
        doc.add(.figure(svg: SVGChart.barChart(
            title: "Mean distance from home, by configuration", description: "Mean estimated road miles from home of the people placed.",
            categories: names, series: [.init(name: "Mean miles", values: mean.values)], valueFormat: .number(decimals: 1, suffix: " mi")),
                        caption: "Mean distance from home of the people placed, in miles by road."))
        let regionRows = rows.filter { $0.section == "By home region" && $0.key.hasPrefix("within_50_miles_") }
        doc.add(.figure(svg: SVGChart.barChart(
            title: "Held within 50 miles of home, by home region", description: "Share of each home region's people held within 50 miles, by configuration.",
            categories: regionRows.map { String($0.label.dropLast(": within 50 miles".count)) },
            series: names.indices.map { k in .init(name: names[k], values: regionRows.map { $0.values[k] }) },
            valueFormat: .percent()),
                        caption: "Share held within 50 miles of home, by the region of the family's home. Overall: " + names.indices.map { "\(names[$0]) \(Comparison.text(within.values[$0], .share))" }.joined(separator: "; ") + "."))

        doc.add(.heading(level: 2, text: "Where one more place would help most"))
        doc.add(.paragraph("The capacity shadow price of an establishment is how much the objective would fall with one more place there: the value of one more place, in the model's points. A high value means people are being held further from home, or in a less suitable prison, for want of a place there."))
        for (k, list) in shadowPrices.enumerated() {
            doc.add(.table(.init(caption: "\(names[k]): the ten highest shadow prices", header: ["Rank", "Establishment", "Points per place"],
                                 rows: list.enumerated().map { ["\($0.offset + 1)", "\($0.element.name) [\($0.element.code)]", Format.fixed($0.element.points, 2)] },
                                 numeric: [true, false, true])))
        }
        doc.add(.note("Objective: the total cost the allocation minimises, in points (see the policy file for the weight of each component). Distances are estimated road distances (straight line × circuity factor) from the centre of the home local authority. Produced by Homeward \(HomewardVersion.string)."))
        return doc
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
