/// ThetaNotebook: cells run one by one, outputs as MIME bundles, plots and the renderers to
/// terminal, HTML, Markdown and .ipynb (issue 7). Imports ThetaRuntime.
import ThetaRuntime
import ThetaSyntax
