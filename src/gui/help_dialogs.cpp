#include "help_dialogs.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>
#include <qcustomplot.h>

namespace mfu::gui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HelpDialogs", text);
}

void collectShortcuts(const QMenu *menu, QList<QPair<QString, QString>> &rows)
{
    for (const QAction *action : menu->actions()) {
        if (action->menu()) {
            collectShortcuts(action->menu(), rows);
            continue;
        }
        if (action->isSeparator() || action->shortcut().isEmpty())
            continue;
        rows.append({action->text().remove(QLatin1Char('&')).remove(QChar(0x2026)),
                     action->shortcut().toString(QKeySequence::NativeText)});
    }
}

} // namespace

QString aboutText()
{
    const QString json = QStringLiteral("%1.%2.%3")
                             .arg(NLOHMANN_JSON_VERSION_MAJOR)
                             .arg(NLOHMANN_JSON_VERSION_MINOR)
                             .arg(NLOHMANN_JSON_VERSION_PATCH);
    return tr("<h3>MFU Explorer %1</h3>"
              "<p>The compute cost of training transformer language models: FLOPs by module, "
              "step time, memory per GPU and MFU, from one analytic model that shows its "
              "derivation.</p>"
              "<p>Licensed under the GNU General Public License, version 3.</p>"
              "<p>Built with Qt %2, QCustomPlot %3, nlohmann/json %4 and Eigen.</p>"
              "<p>Device figures come from the vendors' datasheets, each preset naming its "
              "source; the time model is calibrated on, and checked against, public training "
              "runs (Megatron-LM papers, MosaicML, NeMo and Megatron-Bridge, torchtitan, "
              "MLPerf Training), as the README's Validation section lists them.</p>")
        .arg(QStringLiteral(MFU_VERSION), QString::fromLatin1(qVersion()),
             QStringLiteral(QCUSTOMPLOT_VERSION_STR), json);
}

void showAbout(QWidget *parent)
{
    QMessageBox::about(parent, tr("About MFU Explorer"), aboutText());
}

QList<QPair<QString, QString>> shortcutRows(const QMenuBar *menus)
{
    QList<QPair<QString, QString>> rows;
    for (const QAction *action : menus->actions())
        if (action->menu())
            collectShortcuts(action->menu(), rows);
    return rows;
}

void showShortcuts(QWidget *parent, const QMenuBar *menus)
{
    const QList<QPair<QString, QString>> rows = shortcutRows(menus);
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(int(rows.size()), 2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < rows.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(rows[i].first));
        table->setItem(i, 1, new QTableWidgetItem(rows[i].second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(420, 480);
    dialog.exec();
}

} // namespace mfu::gui
