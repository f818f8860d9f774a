/// The HTML report's colours and style sheet. Colours from the Okabe–Ito set (safe for the
/// common colour-vision deficiencies), each chart mark at least 3:1 and all text at least
/// 4.5:1 against its background (WCAG 2.2 AA); meaning is never carried by colour alone
/// (shapes, labels, ▶ and text say it too).
extension HTMLReport {
    /// Series colours in order: blue, vermillion, bluish green, reddish purple, black, then the
    /// lighter orange and sky blue (under 3:1 on white, so only beyond five series).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9"]
    /// The organisation asked about (`--highlight`): one strong colour.
    static let highlightColor = "#D55E00"
    /// Every other organisation when one is highlighted.
    static let mutedColor = "#8a969c"
    /// England, the comparator: a neutral dark grey.
    static let englandColor = "#4c6272"
    /// The target in force (dashed).
    static let targetColor = "#212b32"
    /// League segments 1–4 (5: Recovery Support Programme), always shown as text as well.
    static let segmentColors = [1: "#0072B2", 2: "#009E73", 3: "#a66e00", 4: "#D55E00", 5: "#a8437f"]

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;margin:2rem;color:#212b32;max-width:1200px;background:#fff}
        h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem}
        .params{color:#4c6272;margin:.2rem 0 1rem}
        .notice{border-left:6px solid #212b32;background:#fff4d6;color:#212b32;padding:.5rem .8rem;margin:.6rem 0;font-weight:600}
        .notice p{margin:.2rem 0}
        table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border-bottom:1px solid #d8dde0;padding:.3rem .6rem;vertical-align:top}
        th{background:#f0f4f5;text-align:left}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        td.nw{white-space:nowrap}
        td.long{min-width:min(15rem,70vw)}
        tr:nth-child(even) td{background:#fafbfb}
        tr.hl td,tr.hl th{background:#fff4d6;font-weight:700;border-top:2px solid #212b32;border-bottom:2px solid #212b32}
        .mark{font-weight:700}
        .met-yes{color:#006b32;font-weight:600}.met-no{color:#b3200f;font-weight:600}
        .footnote{color:#4c6272;font-size:.85rem;margin:.2rem 0}
        figure{margin:1rem 0}figcaption{color:#4c6272;font-size:.85rem}
        .table-wrap{overflow-x:auto;max-width:100%}
        .table-wrap:focus,.table-wrap:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
        a:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        p,li,h1,h2,h3,caption{overflow-wrap:anywhere}
        .panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,330px),1fr));gap:1rem}
        .panels figure.chart{margin:0}
        figure.chart svg{display:block;width:100%;height:auto;max-width:100%}
        figure.chart.wide svg{max-width:760px}
        .panel-title{font-size:.9rem;margin:.2rem 0;font-weight:600}
        svg text{font-family:inherit;font-size:12px;fill:#212b32}
        svg text.axis-title,svg text.x-title{fill:#4c6272}
        svg text.field-test-label{fill:#4c6272;font-size:10px}
        svg text.target-label{font-size:10px;fill:#212b32;stroke:#fff;stroke-width:3px;paint-order:stroke;stroke-linejoin:round}
        ul.legend{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;font-size:.8rem;color:#212b32}
        ul.legend li{display:flex;align-items:center;gap:.3rem}
        .sw{display:inline-block;width:.8rem;height:.8rem;flex:none}
        .sw.line{height:3px}
        .sw.hollow{border:2px solid;border-radius:50%;background:#fff;width:.5rem;height:.5rem}
        .sw.diamond{border:2px solid;background:#fff;width:.45rem;height:.45rem;transform:rotate(45deg)}
        .sw.square{border:2px solid;background:#fff;width:.5rem;height:.5rem}
        .sw.dash{border-top:2px dashed;height:0}
        .sw.shade{background:#e8edee;border:1px solid #aeb7bd}
        .sw.ring{border:2px solid #212b32;border-radius:50%;width:.55rem;height:.55rem}
        .hchart{max-width:900px}
        .hchart .axis-title{color:#4c6272;font-size:.85rem;margin:.2rem 0 .4rem}
        .hrow{display:grid;grid-template-columns:minmax(5rem,min(18rem,42%)) minmax(4rem,1fr) 4.8rem;gap:.5rem;align-items:center;font-size:.8rem;min-height:1.1rem}
        .hrow.hl{background:#fff4d6;font-weight:700}
        .hrow.eng .hlabel{font-style:italic}
        .hlabel{overflow-wrap:anywhere;text-align:right}
        .hval{font-variant-numeric:tabular-nums;white-space:nowrap}
        .htrack{position:relative;height:.8rem;background:#f0f4f5}
        .hbar{position:absolute;left:0;top:0;bottom:0}
        .hdot{position:absolute;top:50%;width:.7rem;height:.7rem;border-radius:50%;transform:translate(-50%,-50%)}
        .hdot.sq{border-radius:0}
        .hdot.flagged{background:#fff!important;border:2px solid;width:.5rem;height:.5rem}
        .hrow.hl .hdot{width:.9rem;height:.9rem;box-shadow:0 0 0 2px #fff,0 0 0 4px #212b32}
        .htarget{position:absolute;top:-.25rem;bottom:-.25rem;border-left:2px dashed #212b32}
        .haxis .htrack{background:none;height:2.2rem;border-top:1px solid #6b7780}
        .tick{position:absolute;top:.1rem;transform:translateX(-50%);font-size:.75rem;color:#4c6272;white-space:nowrap}
        .tick.first{transform:none}.tick.last{transform:translateX(-100%)}
        .tlabel{position:absolute;top:1.1rem;transform:translateX(-50%);font-size:.75rem;color:#212b32;white-space:nowrap;font-weight:600}
        .tlabel.first{transform:none}.tlabel.last{transform:translateX(-100%)}
        .narrow-only{display:none}
        @media (max-width:600px){body{margin:.8rem}.wide-only{display:none}.narrow-only{display:block}
          .hrow{grid-template-columns:minmax(4rem,38%) minmax(3rem,1fr) 4.2rem}}
        .seg1{background:#e8f1f8}.seg4{background:#fbeee6}
        footer{margin-top:2rem;color:#4c6272;font-size:.8rem}
        """
}
