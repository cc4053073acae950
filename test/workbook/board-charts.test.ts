/**
 * The board .xlsx carries five native Excel charts (xlsx-charts.ts), each a chart part whose series refer to
 * the workbook's live ranges: read straight from the package, as Excel reads it.
 */
import JSZip from "jszip";
import { FE, IN_PAY, PJ, SHEET } from "../../src/workbook/board/context";
import { cellAddress, columnLetters } from "../../src/workbook/plan";
import { renderXlsx } from "../../src/workbook/render-exceljs";
import { boardFor, findRow, sheetOf, variedScenario } from "./fixture";

interface ChartPart {
  readonly path: string;
  readonly xml: string;
  readonly title: string;
  /** Each series: its name, category reference and values reference. */
  readonly series: { name: string; cat: string; val: string }[];
}

async function chartsOf(
  bytes: Buffer,
): Promise<{ zip: JSZip; charts: ChartPart[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const charts: ChartPart[] = [];
  for (const path of Object.keys(zip.files)
    .filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p))
    .sort()) {
    const xml = (await zip.file(path)?.async("string")) ?? "";
    const title = [
      ...(/<c:title>([\s\S]*?)<\/c:title>/.exec(xml)?.[1] ?? "").matchAll(
        /<a:t>([^<]*)<\/a:t>/g,
      ),
    ]
      .map((m) => m[1])
      .join("");
    // In series order (<c:order>): a chart's column group comes before its line group in the XML.
    const series = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)]
      .sort(
        (a, b) =>
          Number(/<c:order val="(\d+)"/.exec(a[1] ?? "")?.[1]) -
          Number(/<c:order val="(\d+)"/.exec(b[1] ?? "")?.[1]),
      )
      .map((m) => {
        const body = m[1] ?? "";
        return {
          name: /<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(body)?.[1] ?? "",
          cat:
            /<c:cat>[\s\S]*?<c:f>([^<]*)<\/c:f>/
              .exec(body)?.[1]
              ?.replace(/&apos;/g, "'") ?? "",
          val:
            /<c:val>[\s\S]*?<c:f>([^<]*)<\/c:f>/
              .exec(body)?.[1]
              ?.replace(/&apos;/g, "'") ?? "",
        };
      });
    charts.push({ path, xml, title, series });
  }
  return { zip, charts };
}

const col = (c: number): string => `$${columnLetters(c)}$`;

describe("charts in the board .xlsx", () => {
  const sample = boardFor();
  let parsed: { zip: JSZip; charts: ChartPart[] };
  beforeAll(async () => {
    parsed = await chartsOf(await renderXlsx(sample.plan));
  });

  it("holds five chart parts, each with its content type, in a drawing anchored on its sheet", async () => {
    const { zip, charts } = parsed;
    expect(charts.map((c) => c.title).sort()).toEqual(
      [
        "Chair hours needed against chair hours available",
        "Cumulative cash by month, break-even month marked",
        "Margin per administration by drug (payer mix)",
        "Payer mix",
        "Tornado: change in NPV from the base case",
      ].sort(),
    );
    const types =
      (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    for (const c of charts)
      expect(types).toContain(
        `PartName="/${c.path}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`,
      );
    // Sheet -> drawing -> chart: each chart is reached from the sheet whose data it shows.
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const wbRels =
      (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
    const sheetsWithCharts: Record<string, string[]> = {};
    for (const el of workbook.matchAll(/<sheet\s[^>]*>/g)) {
      const m = [
        el[0],
        / name="([^"]+)"/.exec(el[0])?.[1],
        / r:id="([^"]+)"/.exec(el[0])?.[1],
      ];
      const target =
        new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1] ??
        new RegExp(`Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(wbRels)?.[1] ??
        "";
      const part = `xl/${target.replace(/^\/?xl\//, "")}`;
      const xml = (await zip.file(part)?.async("string")) ?? "";
      const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(xml)?.[1];
      if (!drawingId) continue;
      const rels =
        (await zip
          .file(part.replace("worksheets/", "worksheets/_rels/") + ".rels")
          ?.async("string")) ?? "";
      const drawing = new RegExp(
        `Id="${drawingId}"[^>]*Target="\\.\\./drawings/([^"]+)"`,
      ).exec(rels)?.[1] as string;
      const drawingRels =
        (await zip
          .file(`xl/drawings/_rels/${drawing}.rels`)
          ?.async("string")) ?? "";
      sheetsWithCharts[(m[1] as string).replace(/&amp;/g, "&")] = [
        ...drawingRels.matchAll(/Target="\.\.\/charts\/(chart\d+\.xml)"/g),
      ].map(
        (x) => charts.find((c) => c.path === `xl/charts/${x[1]}`)?.title ?? "?",
      );
    }
    expect(sheetsWithCharts).toEqual({
      [SHEET.summary]: ["Payer mix"],
      [SHEET.formulary]: ["Margin per administration by drug (payer mix)"],
      [SHEET.projection]: [
        "Cumulative cash by month, break-even month marked",
        "Chair hours needed against chair hours available",
      ],
      [SHEET.sensitivity]: ["Tornado: change in NPV from the base case"],
    });
  });

  it("points every series at the live ranges of the sheets that compute them", () => {
    const { charts } = parsed;
    const by = (title: string): ChartPart =>
      charts.find((c) => c.title === title) as ChartPart;
    const ctxRows = {
      inputsPayers: findRow(
        sheetOf(sample.plan, SHEET.inputs),
        IN_PAY.id,
        "MEDICARE",
      ),
      formularyFirst: findRow(
        sheetOf(sample.plan, SHEET.formulary),
        FE.hcpcs,
        "J1745",
      ),
      projectionFirst: findRow(
        sheetOf(sample.plan, SHEET.projection),
        PJ.month,
        1,
        5,
      ),
    };
    const P = sample.src.input.payers.length; // 5 payers in the sample
    const D = sample.src.input.drugs.length; // 10 drugs
    const N =
      sample.src.input.program.planningMonths +
      sample.src.input.program.horizonMonths; // 6 + 36 = 42 months
    const p1 = ctxRows.inputsPayers + 1;
    expect(by("Payer mix").series).toEqual([
      {
        name: "Weight",
        cat: `'Inputs'!${col(IN_PAY.name)}${p1}:${col(IN_PAY.name)}${p1 + P - 1}`,
        val: `'Inputs'!${col(IN_PAY.weight)}${p1}:${col(IN_PAY.weight)}${p1 + P - 1}`,
      },
    ]);
    const f1 = ctxRows.formularyFirst + 1;
    expect(by("Margin per administration by drug (payer mix)").series).toEqual([
      {
        name: "Margin per administration",
        cat: `'Formulary economics'!${col(FE.product)}${f1}:${col(FE.product)}${f1 + D - 1}`,
        val: `'Formulary economics'!${col(FE.margin)}${f1}:${col(FE.margin)}${f1 + D - 1}`,
      },
    ]);
    const m1 = ctxRows.projectionFirst + 1;
    const months = (c: number): string =>
      `'Projection'!${col(c)}${m1}:${col(c)}${m1 + N - 1}`;
    expect(
      by("Cumulative cash by month, break-even month marked").series,
    ).toEqual([
      {
        name: "Cumulative cash",
        cat: months(PJ.month),
        val: months(PJ.cumulative),
      },
      {
        name: "Break-even month",
        cat: months(PJ.month),
        val: months(PJ.breakEvenMark),
      },
    ]);
    expect(
      by("Chair hours needed against chair hours available").series,
    ).toEqual([
      {
        name: "Chair hours used",
        cat: months(PJ.month),
        val: months(PJ.chairHours),
      },
      {
        name: "Chair hours available (target utilization)",
        cat: months(PJ.month),
        val: months(PJ.capacity),
      },
    ]);
    const sens = sheetOf(sample.plan, SHEET.sensitivity);
    const t1 =
      findRow(
        sens,
        0,
        "Driver",
        findRow(
          sens,
          0,
          "Tornado: NPV low and high for each driver (largest swing first)",
        ),
      ) + 2;
    const tornado = by("Tornado: change in NPV from the base case");
    expect(tornado.series.map((s) => s.name)).toEqual([
      "Low case",
      "High case",
    ]);
    // Five drivers: payment limits, acquisition cost, volume, payer mix, denial write-off.
    expect(tornado.series[0]?.val).toBe(`'Sensitivity'!$F$${t1}:$F$${t1 + 4}`);
    expect(tornado.series[1]?.val).toBe(`'Sensitivity'!$G$${t1}:$G$${t1 + 4}`);
    expect(tornado.series[0]?.cat).toBe(`'Sensitivity'!$A$${t1}:$A$${t1 + 4}`);
  });

  it("marks the break-even month: the only non-zero cell of the marker column is the cumulative cash of that month", () => {
    const pj = sheetOf(sample.plan, SHEET.projection);
    const first = findRow(pj, PJ.month, 1, 5);
    const be = sample.src.results.summary.breakEvenMonth as number;
    const PM = sample.src.input.program.planningMonths;
    const marked = pj.rows
      .slice(first, first + PM + sample.src.input.program.horizonMonths)
      .map((r) => r?.[PJ.breakEvenMark]?.value);
    expect(marked.filter((v) => v !== 0)).toHaveLength(1);
    // The row of operating month `be` is month PM + be of the projection.
    expect(marked[PM + be - 1]).toBe(
      pj.rows[first + PM + be - 1]?.[PJ.cumulative]?.value,
    );
    expect(pj.rows[first + PM + be - 1]?.[PJ.breakEvenMark]?.formula).toMatch(
      /^IF\(AND\(COUNT\(\$Z\$\d+:\$Z\$\d+\)>0,B\d+=MIN\(\$Z\$\d+:\$Z\$\d+\)\),Q\d+,0\)$/,
    );
    expect(cellAddress(0, PJ.breakEven)).toBe("Z1");
  });

  it("charts a varied workbook (every catalog drug, 30 months, no planning months) over its own ranges", async () => {
    const varied = boardFor(variedScenario());
    const { charts } = await chartsOf(await renderXlsx(varied.plan));
    expect(charts).toHaveLength(5);
    const D = varied.src.input.drugs.length;
    const margin = charts.find((c) =>
      c.title.startsWith("Margin per administration"),
    );
    // The first drug row is below the header row ("Product"); D rows of drugs.
    const f1 =
      findRow(sheetOf(varied.plan, SHEET.formulary), FE.product, "Product") + 2;
    expect(margin?.series[0]?.val).toBe(
      `'Formulary economics'!$N$${f1}:$N$${f1 + D - 1}`,
    );
    const cash = charts.find((c) => c.title.startsWith("Cumulative cash"));
    const m1 =
      findRow(sheetOf(varied.plan, SHEET.projection), PJ.month, 1, 5) + 1;
    expect(cash?.series[0]?.val).toBe(
      `'Projection'!$Q$${m1}:$Q$${m1 + 30 - 1}`,
    );
    // Building and writing the every-drug board takes 4-6 s on a loaded 2-core machine: a budget like the other
    // whole-workbook tests (board-cli.test.ts), not jest's 5 s default.
  }, 60_000);
});
