/**
 * Native Excel charts for the .xlsx file: exceljs cannot write charts, so this adds them to the package it
 * wrote, as the Office Open XML parts Excel itself writes (ECMA-376 Part 1, 21.2 DrawingML Charts and 20.5
 * SpreadsheetML Drawing): for each sheet with charts a drawing part (xl/drawings/drawingN.xml) holding one
 * two-cell anchored graphic frame per chart, each chart a part (xl/charts/chartN.xml) whose series refer to
 * the workbook's live ranges (`<c:f>'Projection'!$Q$7:$Q$48</c:f>`), so a chart follows when an input
 * changes; the relationships (sheet -> drawing -> chart) and the content types. Each series also carries
 * the plan's cached values (`<c:numCache>`), as Excel writes them, for a viewer that does not recalculate.
 *
 * Why this and not another library: README "Charts in the .xlsx" records the measured comparison with
 * @cj-tech-master/excelts.
 */
import JSZip from "jszip";
import {
  type BoardPlan,
  type CellValue,
  type PlanChart,
  type PlanSeries,
  type PlanSheet,
  parseCell,
  parseRange,
} from "./plan";

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR =
  "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const NS_PKG_REL =
  "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_DRAWING =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART =
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART =
  "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** Series colours, in order: the board's navy, then orange, grey, gold, blue, green (Office palette). */
const PALETTE = [
  "1F3864",
  "ED7D31",
  "A5A5A5",
  "FFC000",
  "5B9BD5",
  "70AD47",
  "264478",
  "9E480E",
];

const esc = (text: string): string =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** `'Sheet name'!$A$1:$A$9` -> the sheet and the range. */
export function splitSheetRef(ref: string): { sheet: string; range: string } {
  const m = /^'((?:[^']|'')+)'!(.+)$/.exec(ref) ?? /^([^!]+)!(.+)$/.exec(ref);
  if (!m?.[1] || !m[2]) throw new RangeError(`not a sheet reference: "${ref}"`);
  return { sheet: m[1].replace(/''/g, "'"), range: m[2].replace(/\$/g, "") };
}

/** The plan's values of a range, row by row then column by column (what a series reads). */
function rangeValues(plan: BoardPlan, ref: string): CellValue[] {
  const { sheet, range } = splitSheetRef(ref);
  const s = plan.sheets.find((x) => x.name === sheet);
  if (!s)
    throw new RangeError(`chart range on a sheet the plan lacks: "${ref}"`);
  const { row1, col1, row2, col2 } = parseRange(range);
  const out: CellValue[] = [];
  for (let r = row1; r <= row2; r++)
    for (let c = col1; c <= col2; c++) out.push(s.rows[r]?.[c]?.value ?? null);
  return out;
}

function numCache(values: readonly CellValue[]): string {
  const pts = values
    .map((v, i) =>
      typeof v === "number" && Number.isFinite(v)
        ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`
        : "",
    )
    .join("");
  return `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function strCache(values: readonly CellValue[]): string {
  const pts = values
    .map((v, i) =>
      v === null ? "" : `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`,
    )
    .join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

const solid = (hex: string): string =>
  `<a:solidFill><a:srgbClr val="${hex}"/></a:solidFill>`;

const text = (t: string, size: number, bold: boolean): string =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size * 100}" b="${bold ? 1 : 0}"/><a:t>${esc(t)}</a:t></a:r></a:p></c:rich></c:tx>`;

const AX_CAT = 500000001;
const AX_VAL = 500000002;

/** The chartN.xml part of one chart. */
export function chartXml(plan: BoardPlan, chart: PlanChart): string {
  const catValues = rangeValues(plan, chart.categories);
  const numericCats = catValues.every((v) => typeof v === "number");
  const cat = numericCats
    ? `<c:cat><c:numRef><c:f>${esc(chart.categories)}</c:f>${numCache(catValues)}</c:numRef></c:cat>`
    : `<c:cat><c:strRef><c:f>${esc(chart.categories)}</c:f>${strCache(catValues)}</c:strRef></c:cat>`;
  const ser = (s: PlanSeries, i: number): string => {
    const color = PALETTE[i % PALETTE.length] as string;
    const asColumn = chart.type !== "line" || s.column === true;
    let look: string;
    if (chart.type === "pie") look = "";
    else if (asColumn)
      look = `<c:spPr>${solid(color)}</c:spPr><c:invertIfNegative val="0"/>`;
    else
      look = `<c:spPr><a:ln w="28575" cap="rnd">${solid(color)}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>`;
    const noBox = "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>";
    const flags = (val: number, percent: number, series: number): string =>
      `<c:showLegendKey val="0"/><c:showVal val="${val}"/><c:showCatName val="0"/><c:showSerName val="${series}"/><c:showPercent val="${percent}"/><c:showBubbleSize val="0"/>`;
    const labels =
      chart.type === "pie"
        ? `<c:dLbls><c:numFmt formatCode="0%" sourceLinked="0"/>${noBox}${flags(0, 1, 0)}<c:showLeaderLines val="1"/></c:dLbls>`
        : s.column && chart.type === "line"
          ? // Only the marked category is labelled: the format's empty third section hides the zeros.
            `<c:dLbls><c:numFmt formatCode="${esc(`"${s.name}: "$#,##0;"${s.name}: "-$#,##0;;`)}" sourceLinked="0"/>${noBox}<c:dLblPos val="outEnd"/>${flags(1, 0, 0)}</c:dLbls>`
          : "";
    const smooth = asColumn ? "" : '<c:smooth val="0"/>';
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>${look}${labels}${cat}<c:val><c:numRef><c:f>${esc(s.values)}</c:f>${numCache(rangeValues(plan, s.values))}</c:numRef></c:val>${smooth}</c:ser>`;
  };
  const indexed = chart.series.map((s, i) => ({ s, i }));
  const lines = indexed.filter((x) => chart.type === "line" && !x.s.column);
  const bars = indexed.filter(
    (x) => chart.type !== "line" || x.s.column === true,
  );
  const axIds = `<c:axId val="${AX_CAT}"/><c:axId val="${AX_VAL}"/>`;
  let group = "";
  if (chart.type === "pie") {
    group = `<c:pieChart><c:varyColors val="1"/>${indexed.map((x) => ser(x.s, x.i)).join("")}<c:firstSliceAng val="0"/></c:pieChart>`;
  } else {
    // Bars first, then lines over them (a line chart's marked months are a column group on the same axes).
    if (bars.length > 0) {
      const dir = chart.type === "barClustered" ? "bar" : "col";
      const gap = chart.type === "line" ? 20 : chart.overlap ? 40 : 80;
      group += `<c:barChart><c:barDir val="${dir}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bars.map((x) => ser(x.s, x.i)).join("")}<c:gapWidth val="${gap}"/>${chart.overlap ? '<c:overlap val="100"/>' : ""}${axIds}</c:barChart>`;
    }
    if (lines.length > 0)
      group += `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines.map((x) => ser(x.s, x.i)).join("")}<c:marker val="1"/>${axIds}</c:lineChart>`;
  }
  const horizontal = chart.type === "barClustered";
  // A horizontal bar chart lists its first category at the bottom unless the category axis runs max to min.
  const catReversed = horizontal;
  const gridLines = `<c:majorGridlines><c:spPr><a:ln w="6350">${solid("D9D9D9")}</a:ln></c:spPr></c:majorGridlines>`;
  const axisLine = `<c:spPr><a:ln w="6350">${solid("7F7F7F")}</a:ln></c:spPr>`;
  const axisText =
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>';
  const valFormat = rangeValues(
    plan,
    chart.series[0]?.values ?? chart.categories,
  ).some((v) => typeof v === "number" && Math.abs(v) >= 1000)
    ? "$#,##0"
    : "General";
  const moneyAxis =
    chart.title.toLowerCase().includes("cash") ||
    chart.title.toLowerCase().includes("margin") ||
    chart.title.toLowerCase().includes("npv");
  const axes =
    chart.type === "pie"
      ? ""
      : `<c:catAx><c:axId val="${AX_CAT}"/><c:scaling><c:orientation val="${catReversed ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>` +
        `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${axisLine}${axisText}<c:crossAx val="${AX_VAL}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
        `<c:valAx><c:axId val="${AX_VAL}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/>${gridLines}` +
        (chart.valueAxisTitle
          ? `<c:title>${text(chart.valueAxisTitle, 9, false)}<c:overlay val="0"/></c:title>`
          : "") +
        `<c:numFmt formatCode="${esc(moneyAxis ? "$#,##0" : valFormat)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisLine}${axisText}<c:crossAx val="${AX_CAT}"/><c:crosses val="${catReversed ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
  const legend =
    chart.series.length > 1 || chart.type === "pie"
      ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
      : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/><c:chart><c:title>${text(chart.title, 12, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${group}${axes}</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solid("FFFFFF")}<a:ln w="9525">${solid("BFBFBF")}</a:ln></c:spPr></c:chartSpace>`
  );
}

function anchor(chart: PlanChart, index: number): string {
  const from = parseCell(chart.from);
  const to = parseCell(chart.to);
  const marker = (tag: string, p: { row: number; col: number }): string =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell">${marker("from", from)}${marker("to", to)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${index + 2}" name="${esc(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${index + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

const rels = (
  items: readonly { id: string; type: string; target: string }[],
): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG_REL}">${items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join("")}</Relationships>`;

/** Elements that follow <drawing> in a worksheet (CT_Worksheet's sequence): the drawing goes before the first. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\s/.test(sheetXml))
    throw new Error("the worksheet already has a drawing");
  const element = `<drawing r:id="${relId}"/>`;
  let at = sheetXml.lastIndexOf("</worksheet>");
  for (const tag of AFTER_DRAWING) {
    const i = sheetXml.indexOf(`<${tag}`);
    if (i >= 0 && i < at) at = i;
  }
  const xml = sheetXml.slice(0, at) + element + sheetXml.slice(at);
  return /<worksheet[^>]*xmlns:r=/.test(xml)
    ? xml
    : xml.replace("<worksheet ", `<worksheet xmlns:r="${NS_R}" `);
}

/** Package path of each sheet's XML part, by sheet name (workbook.xml + its relationships). */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const read = async (name: string): Promise<string> => {
    const f = zip.file(name);
    if (!f) throw new Error(`the .xlsx has no ${name}`);
    return f.async("string");
  };
  const wbRels = await read("xl/_rels/workbook.xml.rels");
  const targets = new Map(
    [...wbRels.matchAll(/<Relationship\s[^>]*>/g)].map((m) => [
      /Id="([^"]+)"/.exec(m[0])?.[1] ?? "",
      /Target="([^"]+)"/.exec(m[0])?.[1] ?? "",
    ]),
  );
  const out = new Map<string, string>();
  for (const m of (await read("xl/workbook.xml")).matchAll(/<sheet\s[^>]*>/g)) {
    const name = (/name="([^"]*)"/.exec(m[0])?.[1] ?? "")
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    const target = targets.get(/r:id="([^"]+)"/.exec(m[0])?.[1] ?? "") ?? "";
    out.set(name, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  return out;
}

/** Adds the plan's charts to an .xlsx package written by exceljs; returns the new package. */
export async function addCharts(
  xlsx: Buffer,
  plan: BoardPlan,
): Promise<Buffer> {
  const withCharts: PlanSheet[] = plan.sheets.filter(
    (s) => s.charts.length > 0,
  );
  if (withCharts.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  const overrides: string[] = [];
  let chartNo = 0;
  let drawingNo = 0;
  while (zip.file(`xl/drawings/drawing${drawingNo + 1}.xml`)) drawingNo++;
  while (zip.file(`xl/charts/chart${chartNo + 1}.xml`)) chartNo++;
  for (const sheet of withCharts) {
    const part = parts.get(sheet.name);
    const file = part ? zip.file(part) : null;
    if (!part || !file)
      throw new Error(`the .xlsx has no sheet "${sheet.name}"`);
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const chartRels: { id: string; type: string; target: string }[] = [];
    sheet.charts.forEach((chart, i) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(plan, chart));
      overrides.push(
        `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/>`,
      );
      chartRels.push({
        id: `rId${i + 1}`,
        type: REL_CHART,
        target: `../charts/chart${chartNo}.xml`,
      });
    });
    zip.file(
      drawingPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${sheet.charts.map(anchor).join("")}</xdr:wsDr>`,
    );
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, rels(chartRels));
    overrides.push(
      `<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`,
    );
    // The sheet's relationships: keep exceljs's (tables), add the drawing under an id of our own.
    const slash = part.lastIndexOf("/");
    const relsPath = `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
    const existing = (await zip.file(relsPath)?.async("string")) ?? rels([]);
    const relId = "rIdInfusionPlannerDrawing";
    const relXml = `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/>`;
    zip.file(
      relsPath,
      existing.includes("</Relationships>")
        ? existing.replace("</Relationships>", `${relXml}</Relationships>`)
        : existing.replace(
            /<Relationships([^>]*)\/>/,
            `<Relationships$1>${relXml}</Relationships>`,
          ),
    );
    zip.file(part, insertDrawing(await file.async("string"), relId));
  }
  const types = await zip.file("[Content_Types].xml")?.async("string");
  if (!types) throw new Error("the .xlsx has no [Content_Types].xml");
  zip.file(
    "[Content_Types].xml",
    types.replace("</Types>", `${overrides.join("")}</Types>`),
  );
  return zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 6 },
  });
}
