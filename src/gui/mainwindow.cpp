#include "mainwindow.h"

#include "benchmark_store.h"
#include "benchmarks_view.h"
#include "breakdown_view.h"
#include "curves_view.h"
#include "dashboard_widget.h"
#include "derivation_view.h"
#include "exporter.h"
#include "fit_dialog.h"
#include "help_dialogs.h"
#include "scenario_title.h"
#include "headline_strip.h"
#include "parameter_panel.h"
#include "scenario_document.h"
#include "settings_keys.h"
#include "ui_mainwindow.h"

#include "io/preset_library.h"

#include <QClipboard>
#include <QCloseEvent>
#include <QCursor>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>

namespace mfu::gui {

namespace {
const QString kFileFilter = QObject::tr("Scenarios (*.json);;All files (*)");
// Where the last export went: figures for one review usually land in one folder.
constexpr QLatin1StringView kExportFolder{"export/folder"};
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()),
      m_document(new ScenarioDocument(this))
{
    m_ui->setupUi(this);
    addParameterDock();
    addTabs();
    addUndoRedo();
    connectActions();
    showPresetWarnings();

    QSettings settings;
    // A saved geometry may come from another set of screens, or be damaged: restored, it must
    // still leave the window on a screen it fits.
    if (restoreGeometry(settings.value(settings::kGeometry).toByteArray()))
        keepOnScreen();
    restoreState(settings.value(settings::kWindowState).toByteArray());
    updateRecentMenu();
    updateTitle();
}

MainWindow::~MainWindow() = default;

void MainWindow::showPresetWarnings()
{
    const std::vector<std::string> &warnings = io::PresetLibrary::instance().loadWarnings();
    if (warnings.empty())
        return;
    QStringList lines;
    for (const std::string &w : warnings)
        lines << QString::fromStdString(w);
    m_presetWarnings = new QToolButton;
    m_presetWarnings->setAutoRaise(true);
    m_presetWarnings->setText(tr("⚠ User presets not loaded: %1").arg(lines.size()));
    m_presetWarnings->setToolTip(lines.join(QLatin1Char('\n')));
    statusBar()->addPermanentWidget(m_presetWarnings);
    connect(m_presetWarnings, &QToolButton::clicked, this, [this, lines] {
        QMessageBox box(QMessageBox::Warning, tr("User presets not loaded"),
                        tr("These files in %1 were skipped; the built-in presets stand in for "
                           "any they would have replaced.")
                            .arg(QString::fromStdString(io::PresetLibrary::userFolder())),
                        QMessageBox::Close, this);
        box.setDetailedText(lines.join(QLatin1Char('\n')));
        box.exec();
    });
}

void MainWindow::keepOnScreen()
{
    const QScreen *screen = QGuiApplication::screenAt(geometry().center());
    if (!screen)
        screen = QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    QRect g = geometry();
    g.setSize(g.size().boundedTo(available.size()).expandedTo(minimumSize()));
    g.moveLeft(std::clamp(g.left(), available.left(),
                          std::max(available.left(), available.right() - g.width() + 1)));
    g.moveTop(std::clamp(g.top(), available.top(),
                         std::max(available.top(), available.bottom() - g.height() + 1)));
    if (g != geometry())
        setGeometry(g);
}

void MainWindow::addParameterDock()
{
    m_panel = new ParameterPanel(m_document);
    auto *dock = new QDockWidget(tr("Parameters"), this);
    dock->setObjectName(QStringLiteral("parametersDock"));
    // Closable so that View ▸ Parameters can hide it; the same action brings it back.
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    dock->setWidget(m_panel);
    dock->setMinimumWidth(380);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    // View ▸ Parameters hides the panel for a projector and brings it back, floated or not.
    QAction *toggle = dock->toggleViewAction();
    toggle->setText(tr("&Parameters"));
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    toggle->setObjectName(QStringLiteral("actionShowParameters"));
    m_ui->menuView->addSeparator();
    m_ui->menuView->addAction(toggle);
    QAction *fullScreen = m_ui->menuView->addAction(tr("&Full Screen"));
    fullScreen->setObjectName(QStringLiteral("actionFullScreen"));
    fullScreen->setCheckable(true);
    fullScreen->setShortcut(QKeySequence::FullScreen);
    connect(fullScreen, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
}

// The dashboard, the derivation and the benchmarks, which the import and fit actions feed.
void MainWindow::addTabs()
{
    m_dashboard = new DashboardWidget(m_document);
    auto *tabs = new QTabWidget;
    // No pane frame: it sat behind every chart, and repainting it was a tenth of a slider step.
    tabs->setDocumentMode(true);
    tabs->addTab(m_dashboard, tr("Dashboard"));
    tabs->addTab(new DerivationView(m_document), tr("Derivation"));
    m_benchmarks = new BenchmarkStore(this);
    m_benchmarksView = new BenchmarksView(m_document, m_benchmarks);
    tabs->addTab(m_benchmarksView, tr("Benchmarks"));
    m_dashboard->curves()->setBenchmarks(m_benchmarks);
    connect(m_ui->actionImportTimings, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import Timings"), QString(),
            tr("Training logs and benchmarks (*.log *.txt *.json *.csv);;All files (*)"));
        if (!path.isEmpty())
            importTimings(path);
    });
    connect(m_benchmarksView, &BenchmarksView::importRequested, m_ui->actionImportTimings,
            &QAction::trigger);
    connect(m_benchmarksView, &BenchmarksView::fitRequested, this, [this] {
        FitDialog dialog(m_document, m_benchmarks, this);
        dialog.exec();
        m_panel->reloadPresets(); // a preset saved from the dialog is offered at once
    });
    auto *layout = new QVBoxLayout(m_ui->centralWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);
}

void MainWindow::addUndoRedo()
{
    // Undo and redo come from the stack, so their text names the step.
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    m_ui->menuEdit->insertAction(m_ui->actionCopyChart, undo);
    m_ui->menuEdit->insertAction(m_ui->actionCopyChart, redo);
    m_ui->menuEdit->insertSeparator(m_ui->actionCopyChart);
}

void MainWindow::connectActions()
{
    connect(m_ui->actionNew, &QAction::triggered, this, [this] {
        if (maybeSave())
            m_document->newDocument();
    });
    connect(m_ui->actionOpen, &QAction::triggered, this, [this] {
        if (!maybeSave())
            return;
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open Scenario"), QString(), kFileFilter);
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_ui->actionSave, &QAction::triggered, this, &MainWindow::save);
    connect(m_ui->actionSaveAs, &QAction::triggered, this, &MainWindow::saveAs);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionPinBaseline, &QAction::triggered, m_document,
            &ScenarioDocument::pinBaseline);
    connect(m_ui->actionClearBaseline, &QAction::triggered, m_document,
            &ScenarioDocument::clearBaseline);
    connect(m_ui->actionCopyMarkdown, &QAction::triggered, this, &MainWindow::copyMarkdown);
    connect(m_ui->actionExportDashboard, &QAction::triggered, this, &MainWindow::exportDashboard);
    connect(m_ui->actionExportChart, &QAction::triggered, this, &MainWindow::exportChart);
    connect(m_ui->actionCopyChart, &QAction::triggered, this, &MainWindow::copyChart);
    connect(m_ui->actionHoldGpus, &QAction::toggled, m_document, &ScenarioDocument::setHoldGpus);
    connect(m_ui->actionAbout, &QAction::triggered, this, [this] { showAbout(this); });
    connect(m_ui->actionShortcuts, &QAction::triggered, this,
            [this] { showShortcuts(this, menuBar()); });
    connect(m_document, &ScenarioDocument::changed, this, [this] {
        m_ui->actionHoldGpus->setChecked(m_document->holdsGpus());
        // Said while it holds, and taken back with it (not any other message).
        const QString &note = m_document->measuredNote();
        if (!note.isEmpty())
            statusBar()->showMessage(note);
        else if (m_measuredNoteShown)
            statusBar()->clearMessage();
        m_measuredNoteShown = !note.isEmpty();
    });
    connect(m_document, &ScenarioDocument::fileChanged, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::changed, this, &MainWindow::updateTitle);
    connect(m_document, &ScenarioDocument::baselineChanged, this,
            [this] { m_ui->actionClearBaseline->setEnabled(m_document->baseline().has_value()); });
    m_ui->actionClearBaseline->setEnabled(false);
}

bool MainWindow::openFile(const QString &path)
{
    const auto loaded = m_document->load(path);
    if (!loaded) {
        QMessageBox::warning(this, tr("Cannot open scenario"),
                             tr("%1: %2").arg(QFileInfo(path).fileName(),
                                              QString::fromStdString(loaded.error().toString())));
        return false;
    }
    addRecentFile(path);
    statusBar()->showMessage(tr("Opened %1").arg(path), 4000);
    return true;
}

void MainWindow::restoreLastState()
{
    QSettings settings;
    const QByteArray text = settings.value(settings::kLastScenario).toByteArray();
    if (text.isEmpty())
        return;
    auto state = ScenarioDocument::fromJson(text);
    if (!state) {
        // Not worth a dialog at start-up, but said, and the session is not overwritten unseen.
        m_unreadSessionFallback = m_document->toJson();
        statusBar()->showMessage(tr("The last session could not be restored (%1); it is kept until "
                                    "the scenario is changed.")
                                     .arg(QString::fromStdString(state.error().toString())));
        return;
    }
    m_document->reset(state.value());
    m_document->setFilePath(settings.value(settings::kLastFile).toString());
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("The scenario “%1” has changes. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty())
        return saveAs();
    const auto saved = m_document->save(m_document->filePath());
    if (!saved) {
        QMessageBox::warning(this, tr("Cannot save scenario"),
                             tr("%1: %2").arg(m_document->filePath(),
                                              QString::fromStdString(saved.error().toString())));
        return false;
    }
    addRecentFile(m_document->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(m_document->filePath()), 4000);
    return true;
}

bool MainWindow::saveAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Scenario"), m_document->filePath(),
                                                kFileFilter);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    m_document->setFilePath(path);
    return save();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — MFU Explorer").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList files = settings.value(settings::kRecentFiles).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > settings::kMaxRecentFiles)
        files.removeLast();
    settings.setValue(settings::kRecentFiles, files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_ui->menuRecent->clear();
    const QStringList files = QSettings().value(settings::kRecentFiles).toStringList();
    for (const QString &file : files) {
        QAction *action = m_ui->menuRecent->addAction(QFileInfo(file).fileName());
        action->setToolTip(file);
        connect(action, &QAction::triggered, this, [this, file] {
            if (maybeSave())
                openFile(file);
        });
    }
    m_ui->menuRecent->setEnabled(!files.isEmpty());
}

void MainWindow::copyMarkdown()
{
    const HeadlineStrip *headline = m_dashboard->headline();
    QString md = QStringLiteral("**%1**\n\n| %2 | %3 |\n|---|---:|\n")
                     .arg(scenarioTitle(m_document->scenario()), tr("Figure"), tr("Value"));
    for (int t = 0; t < HeadlineStrip::TileCount; ++t)
        md += QStringLiteral("| %1 | %2 |\n")
                  .arg(headline->title(HeadlineStrip::Tile(t)),
                       headline->value(HeadlineStrip::Tile(t)));
    md += QStringLiteral("\n") + m_dashboard->breakdown()->markdown();
    QGuiApplication::clipboard()->setText(md);
    statusBar()->showMessage(tr("Copied the headline and breakdown as Markdown"), 4000);
}

void MainWindow::showDashboard()
{
    // An export shows what it draws, and a tab never shown has no layout to draw yet.
    for (QWidget *p = m_dashboard->parentWidget(); p; p = p->parentWidget()) {
        if (auto *tabs = qobject_cast<QTabWidget *>(p)) {
            tabs->setCurrentWidget(m_dashboard);
            break;
        }
    }
    QCoreApplication::sendPostedEvents();
}

int MainWindow::chartUnderMouse() const
{
    const auto charts = m_dashboard->charts();
    for (int i = 0; i < charts.size(); ++i) {
        const QCustomPlot *plot = charts[i].second;
        if (plot->isVisible() && plot->rect().contains(plot->mapFromGlobal(QCursor::pos())))
            return i;
    }
    return -1;
}

QString MainWindow::exportBaseName(const QString &chart) const
{
    QString base = m_document->filePath().isEmpty()
                       ? scenarioTitle(m_document->scenario())
                       : QFileInfo(m_document->filePath()).completeBaseName();
    if (!chart.isEmpty())
        base += QLatin1Char(' ') + chart;
    // Safe on every file system and in a URL.
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._]+"));
    base.replace(unsafe, QStringLiteral("-"));
    while (base.startsWith(QLatin1Char('-')) || base.startsWith(QLatin1Char('.')))
        base.remove(0, 1);
    while (base.endsWith(QLatin1Char('-')))
        base.chop(1);
    return base.isEmpty() ? tr("dashboard") : base;
}

QString MainWindow::askExportPath(const QString &title, const QString &baseName)
{
    QSettings settings;
    QString folder = settings.value(kExportFolder).toString();
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    const QString png = tr("PNG image, 2× resolution (*.png)");
    const QString svg = tr("SVG vector image (*.svg)");
    const QString pdf = tr("PDF document (*.pdf)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(
        this, title, QDir(folder).filePath(baseName + QStringLiteral(".png")),
        png + QStringLiteral(";;") + svg + QStringLiteral(";;") + pdf, &filter);
    if (path.isEmpty())
        return path;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter == svg   ? QStringLiteral(".svg")
                : filter == pdf ? QStringLiteral(".pdf")
                                : QStringLiteral(".png");
    settings.setValue(kExportFolder, QFileInfo(path).absolutePath());
    return path;
}

void MainWindow::exportTo(QWidget *content, const QString &figure, const QString &path,
                          const QString &what)
{
    const auto done = exportWidget(content, captionFor(m_document->scenario(), figure), path);
    if (!done) {
        QMessageBox::warning(this, tr("Cannot export"),
                             tr("%1: %2").arg(QFileInfo(path).fileName(),
                                              QString::fromStdString(done.error().toString())));
        statusBar()->showMessage(tr("Export of %1 failed").arg(what), 4000);
        return;
    }
    statusBar()->showMessage(tr("Exported %1 to %2").arg(what, path), 4000);
}

void MainWindow::exportDashboard()
{
    showDashboard();
    const QString path = askExportPath(tr("Export Dashboard"), exportBaseName(QString()));
    if (!path.isEmpty())
        exportTo(m_dashboard, QString(), path, tr("the dashboard"));
}

void MainWindow::exportChart()
{
    showDashboard();
    const auto charts = m_dashboard->charts();
    QStringList names;
    int current = 0;
    for (int i = 0; i < charts.size(); ++i) {
        names << charts[i].first;
        if (charts[i].second == m_dashboard->curves()->plot())
            current = i;
    }
    if (const int hovered = chartUnderMouse(); hovered >= 0)
        current = hovered;
    bool ok = false;
    const QString name = QInputDialog::getItem(this, tr("Export Chart"), tr("Chart to export:"),
                                               names, current, false, &ok);
    if (!ok || !names.contains(name))
        return;
    QCustomPlot *plot = charts[names.indexOf(name)].second;
    const QString path = askExportPath(tr("Export Chart"), exportBaseName(name));
    if (!path.isEmpty())
        exportTo(plot, name, path, tr("the chart “%1”").arg(name));
}

void MainWindow::copyChart()
{
    showDashboard();
    const auto charts = m_dashboard->charts();
    int index = chartUnderMouse();
    for (int i = 0; index < 0 && i < charts.size(); ++i)
        if (charts[i].second == m_dashboard->curves()->plot())
            index = i; // the figure a review asks for first
    if (index < 0)
        return;
    const QImage image =
        renderImage(charts[index].second, captionFor(m_document->scenario(), charts[index].first));
    QGuiApplication::clipboard()->setImage(image);
    statusBar()->showMessage(tr("Copied the chart “%1” as a %2×%3 image")
                                 .arg(charts[index].first)
                                 .arg(image.width())
                                 .arg(image.height()),
                             4000);
}

void MainWindow::saveLastState()
{
    QSettings settings;
    const QByteArray scenario = m_document->toJson();
    if (scenario != m_unreadSessionFallback) {
        settings.setValue(settings::kLastScenario, scenario);
        settings.setValue(settings::kLastFile,
                          m_document->isModified() ? QString() : m_document->filePath());
    }
    settings.setValue(settings::kGeometry, saveGeometry());
    settings.setValue(settings::kWindowState, saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    saveLastState();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    openOrImport(urls.first().toLocalFile());
    event->acceptProposedAction();
}

bool MainWindow::importTimings(const QString &path)
{
    const auto added = m_benchmarks->importFile(path, m_document->scenario());
    if (!added) {
        QMessageBox::warning(this, tr("Cannot import timings"),
                             tr("%1: %2").arg(QFileInfo(path).fileName(),
                                              QString::fromStdString(added.error().toString())));
        return false;
    }
    statusBar()->showMessage(tr("Imported %n run(s) from %1", nullptr, added.value()).arg(path),
                             5000);
    return true;
}

void MainWindow::openOrImport(const QString &path)
{
    // A scenario says so in its schema; logs, CSV and benchmark sets do not.
    // Only a regular file is peeked at: opening a FIFO would wait for a writer. Anything else
    // goes to the import, which says why it cannot read it.
    QFile file(path);
    QByteArray head;
    if (QFileInfo(path).isFile() && file.open(QIODevice::ReadOnly))
        head = file.read(4096);
    if (head.contains("mfu-explorer/scenario@1")) {
        if (maybeSave())
            openFile(path);
    } else {
        importTimings(path);
    }
}

} // namespace mfu::gui
