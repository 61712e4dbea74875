/// The style sheet of rendered HTML notebooks: system fonts only (nothing is fetched), a
/// readable measure on wide screens, and on a phone the page fills the width while code and
/// output scroll sideways inside their own boxes and figures shrink to fit.
enum HTMLStyle {
    static let css = """
    :root { --fg: #1d1f23; --muted: #5d6470; --rule: #e3e5e8; --code-bg: #f6f8fa; --accent: #0b5cad; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
    body { margin: 0; color: var(--fg); background: #fff;
      font: 16px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
    main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
    header.doc { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: .5rem; }
    header.doc p { color: var(--muted); font-size: .85rem; margin: .25rem 0 0; }
    h1, h2, h3 { line-height: 1.25; margin: 1.6em 0 .5em; }
    h1 { font-size: 1.75rem; } h2 { font-size: 1.35rem; } h3 { font-size: 1.15rem; }
    header.doc h1 { margin-top: .3em; }
    a { color: var(--accent); }
    .md code { background: var(--code-bg); padding: .1em .3em; border-radius: 3px; font-size: .9em; }
    pre, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
    pre { margin: 0; padding: .75rem 1rem; overflow-x: auto; font-size: .85rem; line-height: 1.45;
      white-space: pre; -webkit-overflow-scrolling: touch; }
    section.cell { margin: 1.25rem 0; }
    .code { position: relative; }
    .code pre { background: var(--code-bg); border: 1px solid var(--rule); border-radius: 6px; }
    .code .count { position: absolute; top: .4rem; right: .6rem; color: var(--muted); font-size: .7rem;
      font-family: ui-monospace, Menlo, Consolas, monospace; }
    .outputs { margin-top: .35rem; }
    .outputs pre { border-left: 3px solid var(--rule); }
    .outputs pre.err { background: #fff5f5; border-left-color: #d1242f; color: #82071e; }
    figure.plot { margin: .5rem 0; text-align: center; }
    figure.plot svg { max-width: 100%; height: auto; }
    .k { color: #a626a4; font-weight: 600; } .c { color: #0184bc; } .n { color: #986801; }
    .s { color: #50a14f; } .b { color: #4078f2; } .f { color: #c18401; } .o { color: #0e7490; }
    .m { color: #8b919a; font-style: italic; }
    @media (max-width: 600px) {
      body { font-size: 15px; }
      main { padding: 1rem .75rem 2rem; }
      pre { font-size: .78rem; padding: .6rem .7rem; }
      h1 { font-size: 1.45rem; }
      .code .count { display: none; }
    }
    @media print { pre { white-space: pre-wrap; } }
    """
}
