#include "fit_dialog.h"

#include "benchmark_store.h"
#include "format.h"
#include "scenario_document.h"

#include "io/hardware_preset_writer.h"
#include "io/knob_fit.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mfu::gui {

FitDialog::FitDialog(ScenarioDocument *document, const BenchmarkStore *store, QWidget *parent)
    : QDialog(parent), m_document(document), m_store(store), m_message(new QLabel),
      m_table(new QTableWidget), m_apply(new QPushButton(tr("Apply to the scenario"))),
      m_save(new QPushButton(tr("Save as hardware preset…")))
{
    setWindowTitle(tr("Fit the hardware knobs to the imported runs"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::RichText);
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Knob"), tr("Before"), tr("After")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_apply, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        apply();
        accept();
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        bool ok = false;
        // Named after the preset the runs were on: the fitted device is theirs.
        const std::string base =
            m_plan.samples.empty() ? std::string() : m_plan.samples.front().scenario.hardwarePreset;
        const QString id = QInputDialog::getText(
            this, tr("Save hardware preset"), tr("Preset id (a-z, 0-9, . _ -):"), QLineEdit::Normal,
            QString::fromStdString(base) + QStringLiteral("-fitted"), &ok);
        if (!ok || id.isEmpty())
            return;
        const auto saved = saveAsPreset(id);
        if (!saved)
            QMessageBox::warning(this, tr("Cannot save the preset"),
                                 QString::fromStdString(saved.error().toString()));
        else
            QMessageBox::information(this, tr("Preset saved"),
                                     tr("Saved %1; the hardware presets list it as %2.")
                                         .arg(QString::fromStdString(saved.value()), id));
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 380);
    runFit();
}

void FitDialog::runFit()
{
    std::vector<io::ImportedRun> runs;
    QStringList files;
    for (const BenchmarkRun &b : m_store->importedRuns()) {
        runs.push_back(b.run);
        if (!files.contains(b.set))
            files << b.set;
    }
    m_label = files.join(QStringLiteral(", ")).toStdString();

    auto plan = io::planKnobFit(runs);
    auto fit =
        plan ? io::runKnobFit(std::move(plan).value()) : engine::Result<io::KnobFit>(plan.error());
    m_apply->setEnabled(fit.ok());
    m_save->setEnabled(fit.ok());
    if (!fit) {
        m_message->setText(
            tr("No fit: %1").arg(QString::fromStdString(fit.error().toString()).toHtmlEscaped()));
        return;
    }
    io::KnobFit done = std::move(fit).value();
    m_plan = std::move(done.plan);
    m_result = std::move(done.result);
    const engine::CalibrationResult &r = *m_result;
    QString text =
        tr("%n run(s). Median |error| of the predicted step time: <b>%1</b> before, <b>%2</b> after.",
           nullptr, int(m_plan.samples.size()))
            .arg(format::percent(r.medianAbsRelErrorBefore),
                 format::percent(r.medianAbsRelErrorAfter));
    if (!r.atBound.empty()) {
        QStringList names;
        for (const std::string &n : r.atBound)
            names << QString::fromStdString(n);
        text +=
            QStringLiteral("<br><span style='color:#b42318'>%1</span>")
                .arg(tr("At a physical limit: %1. The runs ask for more than these knobs can give; "
                        "the model lacks a term for them.")
                         .arg(names.join(QStringLiteral(", "))));
    }
    m_message->setText(text);
    m_table->setRowCount(int(m_plan.knobs.size()));
    for (int i = 0; i < int(m_plan.knobs.size()); ++i) {
        m_table->setItem(
            i, 0, new QTableWidgetItem(QString::fromLatin1(m_plan.knobs[std::size_t(i)].name)));
        m_table->setItem(i, 1,
                         new QTableWidgetItem(QString::number(r.before[std::size_t(i)], 'g', 4)));
        m_table->setItem(i, 2,
                         new QTableWidgetItem(QString::number(r.after[std::size_t(i)], 'g', 4)));
    }
}

QString FitDialog::message() const
{
    return m_message->text();
}

void FitDialog::apply()
{
    if (!m_result)
        return;
    const std::vector<double> after = m_result->after;
    const std::vector<engine::KnobSpec> knobs = m_plan.knobs;
    m_document->modify(tr("Apply fitted knobs"), 0, [&](DocumentState &s) {
        for (std::size_t i = 0; i < knobs.size(); ++i)
            s.scenario.hardware.knobs.*knobs[i].member = after[i];
    });
}

engine::Result<std::string> FitDialog::saveAsPreset(const QString &id)
{
    if (!m_result)
        return engine::Error{"", "no fit to save"};
    const io::FittedHardware fitted = io::fittedHardware({m_plan, *m_result}, m_label);
    return io::saveUserHardwarePreset(id.toStdString(), fitted.hardware, fitted.sources);
}

} // namespace mfu::gui
