import HomewardCore

extension PopulationValidation {
    /// A value in its unit, for tables: "23.3%", "44.9 miles" or "95" (people).
    public static func text(_ value: Double?, _ unit: Unit) -> String {
        guard let value else { return "—" }
        switch unit {
        case .share: return Format.fixed(value * 100, 1) + "%"
        case .miles: return Format.fixed(value, 1) + " miles"
        case .people: return Format.grouped(Int(value.rounded()))
        }
    }

    /// The report: key figures, the scatter, the table of figures and the table of establishments.
    public func document() -> ReportDocument {
        var doc = ReportDocument(
            title: "How the synthetic population compares with published figures",
            subtitle: "The \"as is\" placement of \(Format.grouped(people)) people against published figures, each marked fitted or held out",
            banner: synthetic ? Wording.syntheticNote : nil)
        doc.add(.keyFigures([
            ("Mean absolute error per establishment (held out)", Self.text(meanAbsoluteError, .people) + " people"),
            ("As a share of the mean establishment", Format.fixed(relativeError * 100, 1) + "%"),
            ("The same error if every prison were filled in proportion to its capacity", Self.text(capacityBaselineError, .people) + " people"),
            ("Figures held out", "\(figures.filter { $0.status == .heldOut }.count) of \(figures.count)"),
        ]))
        doc.add(.paragraph("A figure is fitted when the calibration (Estate/population-calibration.yaml) was tuned to it, so a match proves little. It is held out when the synthesiser never reads it, so a match is evidence that the synthetic placement behaves like the real estate. Held-out figures are never tuned to; if one is wrong, say so rather than tune it."))
        doc.add(.heading(level: 2, text: "Population of each establishment"))
        doc.add(.paragraph("The \"as is\" placement fills the estate close to its operational capacity, so it matches the bulletin partly because capacity and population move together. The baseline above, which knows nothing but capacity, is the error to beat: " + (meanAbsoluteError <= capacityBaselineError ? "the synthetic placement beats it." : "the synthetic placement does not beat it, so the per-establishment match is no evidence beyond capacity.")))
        doc.add(.figure(svg: scatter(), caption: "Each establishment's synthetic population (scaled to the published total of 86,267) against its published population on 27 July 2026. Points on the dashed line agree."))
        doc.add(.heading(level: 2, text: "Figures"))
        doc.add(.table(ReportDocument.Table(
            caption: "Synthetic against published", header: ["Measure", "Synthetic", "Published", "Status", "Source", "Why"],
            rows: figures.map { [$0.measure, Self.text($0.synthetic, $0.unit), $0.publishedText, $0.status.rawValue, $0.source, $0.why] },
            numeric: [false, true, false, false, false, false])))
        doc.add(.heading(level: 2, text: "Establishments"))
        doc.add(.table(ReportDocument.Table(
            caption: "Synthetic and published population by bulletin row (largest differences first)",
            header: ["Establishment", "Synthetic", "Scaled", "Published", "Difference", "Status"],
            rows: byDifference().map { row in
                [row.name, Format.grouped(row.synthetic), Format.grouped(Int(row.scaled.rounded())), Format.grouped(row.published),
                 Format.grouped(Int((row.scaled - Double(row.published)).rounded())), row.fitted ? "fitted" : "held out"]
            },
            numeric: [false, true, true, true, true, false],
            note: "Scaled: the synthetic count × published total ÷ synthetic total, so that a population of a different size can be compared.")))
        return doc
    }

    /// Bulletin rows, largest absolute difference first (ties by name).
    func byDifference() -> [EstablishmentRow] {
        establishments.sorted {
            let a = abs($0.scaled - Double($0.published)), b = abs($1.scaled - Double($1.published))
            return a != b ? a > b : $0.name < $1.name
        }
    }

    /// The scatter of scaled synthetic against published population; the five largest differences labelled.
    public func scatter() -> String {
        let labelled = Set(byDifference().prefix(5).map(\.name))
        let points = establishments.map { row in
            SVGChart.ScatterPoint(x: Double(row.published), y: row.scaled, label: labelled.contains(row.name) ? row.name : nil,
                                  group: row.fitted ? 1 : 0)
        }
        return SVGChart.scatterChart(
            title: "Population by establishment: synthetic against published",
            description: "Mean absolute error \(Self.text(meanAbsoluteError, .people)) people over the held-out establishments.",
            points: points, groups: ["held out", "fitted (used by the calibration)"],
            xAxisLabel: "Published population, 27 July 2026", yAxisLabel: "Synthetic population (scaled)")
    }

    /// validation.csv: one row per figure, then one per bulletin row.
    public func csv() -> String {
        var out = "kind,id,measure,synthetic,published,status,source\n"
        func number(_ v: Double?, _ unit: Unit) -> String {
            guard let v else { return "" }
            return unit == .share ? Format.fixed(v, 4) : Format.fixed(v, 1)
        }
        for f in figures {
            out += ["figure", f.id, f.measure, number(f.synthetic, f.unit), number(f.published, f.unit), f.status.rawValue, f.source]
                .map(csvField).joined(separator: ",") + "\n"
        }
        for row in establishments {
            out += ["establishment", row.codes.map(\.rawValue).joined(separator: ";"), row.name, Format.fixed(row.scaled, 1),
                    String(row.published), row.fitted ? "fitted" : "held out", "MPPB-2026-07-POP"]
                .map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// validation.json: every figure.
    public func json() -> JSON {
        .object([
            ("synthetic_population", .bool(synthetic)),
            ("population_note", .string(synthetic ? Wording.syntheticNote : Wording.realDataNote)),
            ("people", .int(people)),
            ("establishment_mean_absolute_error", .num(meanAbsoluteError, 1)),
            ("establishment_relative_error", .num(relativeError, 4)),
            ("capacity_baseline_mean_absolute_error", .num(capacityBaselineError, 1)),
            ("figures", .array(figures.map { f in
                .object([("id", .string(f.id)), ("measure", .string(f.measure)), ("unit", .string(f.unit.rawValue)),
                         ("synthetic", .num(f.synthetic, 4)), ("published", .num(f.published, 4)),
                         ("published_as", .string(f.publishedText)), ("status", .string(f.status.rawValue)),
                         ("source", .string(f.source)), ("why", .string(f.why))])
            })),
            ("establishments", .array(establishments.map { row in
                .object([("codes", .array(row.codes.map { .string($0.rawValue) })), ("name", .string(row.name)),
                         ("synthetic", .int(row.synthetic)), ("scaled", .num(row.scaled, 1)), ("published", .int(row.published)),
                         ("status", .string(row.fitted ? "fitted" : "held out"))])
            })),
        ])
    }
}
