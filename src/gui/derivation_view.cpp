#include "derivation_view.h"

#include "derivation_html.h"
#include "scenario_document.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextFrame>
#include <QVBoxLayout>

namespace mfu::gui {

namespace {

// Qt's rich text understands only a subset of CSS, which this keeps to. Formulas and the
// numbers substituted into them are monospace, so that symbols such as ĥ and n_kv read
// unambiguously; the group rows take the charts' colours (attention blue, MLP orange,
// lm_head green) so that the page and the breakdown chart match.
const char *const kStyleSheet = R"(
h1 { font-size: x-large; margin-bottom: 2px; }
h2 { font-size: large; color: #1f3a5f; margin-top: 20px; margin-bottom: 6px; }
p { margin-top: 3px; margin-bottom: 3px; }
th { background-color: #e6ebf1; color: #1f2933; }
td { border-bottom-width: 1px; border-bottom-style: solid; border-bottom-color: #e3e7ed; }
.f { font-family: 'DejaVu Sans Mono', monospace; }
.num { font-family: 'DejaVu Sans Mono', monospace; color: #3d4f63; }
.dim { color: #66707a; }
.small { font-size: small; }
.printed { color: #b42318; text-decoration: line-through; font-family: 'DejaVu Sans Mono', monospace; }
.erratum { color: #b42318; font-size: small; }
.error { color: #b42318; font-weight: bold; }
.attn { background-color: #e5f0f8; }
.mlp { background-color: #fcf1dc; }
.head { background-color: #e0f3ec; }
.sum { background-color: #f3f4f6; }
.current { background-color: #fff7d6; }
.changed { background-color: #eef6ee; }
)";

} // namespace

DerivationView::DerivationView(ScenarioDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document),
      m_printed(new QCheckBox(tr("Show the note's printed formulas"))), m_browser(new QTextBrowser)
{
    m_printed->setToolTip(
        tr("Adds the design note's printed forms beside the corrected ones, "
           "struck through, with the section they are printed in and their erratum"));
    connect(m_printed, &QCheckBox::toggled, this, &DerivationView::refresh);

    m_browser->setOpenLinks(false);
    m_browser->document()->setDefaultStyleSheet(QString::fromUtf8(kStyleSheet));

    auto *top = new QHBoxLayout;
    top->addStretch();
    top->addWidget(m_printed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_browser);

    connect(m_document, &ScenarioDocument::changed, this, &DerivationView::refresh);
    render();
}

void DerivationView::refresh()
{
    // Laying the page out costs tens of milliseconds (Qt's table layout); a tab nobody looks
    // at waits until it is shown rather than slowing every slider drag on the dashboard.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    render();
}

void DerivationView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        render();
}

void DerivationView::render()
{
    m_stale = false;
    QString html;
    const auto &result = m_document->evaluation();
    if (!result.ok()) {
        html =
            QStringLiteral("<h1>%1</h1><p class=\"error\">%2</p><p class=\"dim\">%3</p>")
                .arg(tr("FLOPs derivation"),
                     tr("The scenario cannot be evaluated: %1")
                         .arg(QString::fromStdString(result.error().toString()).toHtmlEscaped()),
                     tr("Fix the field named above; the derivation returns with valid numbers."));
    } else {
        html = DerivationHtml(m_document->scenario(), result.value(), m_printed->isChecked(),
                              m_browser->document()->defaultFont())
                   .build();
    }
    if (html == m_html)
        return; // e.g. a change of layout that moves no number shown here
    m_html = html;
    // Keep the reader where they were when the numbers change under them.
    QScrollBar *bar = m_browser->verticalScrollBar();
    const int position = bar->value();
    m_browser->setHtml(m_html);
    // Qt rounds a 100% table a pixel or two wider than the page, which brings up a useless
    // horizontal scroll bar; 99% wide tables with no right margin leave the same gap each side.
    QTextFrameFormat page = m_browser->document()->rootFrame()->frameFormat();
    page.setMargin(12);
    page.setRightMargin(0);
    m_browser->document()->rootFrame()->setFrameFormat(page);
    bar->setValue(position);
}

} // namespace mfu::gui
