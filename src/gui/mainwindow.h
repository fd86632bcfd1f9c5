#pragma once

#include <QMainWindow>

#include <memory>
#include <optional>

class QToolButton;

namespace Ui {
class MainWindow;
}

namespace mfu::gui {

class BenchmarkStore;
class BenchmarksView;
class DashboardWidget;
class ParameterPanel;
class ScenarioDocument;

// The explorer: the parameter panel on the left, the dashboard and the derivation as tabs.
// Owns the document and the File/Edit/View actions; views observe the document.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ScenarioDocument *document() const { return m_document; }
    ParameterPanel *parameterPanel() const { return m_panel; }
    DashboardWidget *dashboard() const { return m_dashboard; }
    BenchmarkStore *benchmarks() const { return m_benchmarks; }
    BenchmarksView *benchmarksView() const { return m_benchmarksView; }
    // In the status bar while user presets failed to load; nullptr when all loaded.
    QToolButton *presetWarnings() const { return m_presetWarnings; }

    // Opens a scenario file; shows the error and keeps the current scenario when it fails.
    bool openFile(const QString &path);
    // Restores the scenario the last session ended with (settings), if any.
    void restoreLastState();
    // Imports benchmark timings; shows the error (file and line) and keeps what was there.
    bool importTimings(const QString &path);
    // A dropped or opened file: a scenario opens, anything else is imported as timings.
    void openOrImport(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    // Moves and shrinks the window onto the screen it is mostly on (else the primary one).
    void keepOnScreen();
    // Says in the status bar which user presets failed to load, with a dialog listing why.
    void showPresetWarnings();
    void addParameterDock();
    void addTabs();
    void addUndoRedo();
    void connectActions();
    bool maybeSave();
    bool save();
    bool saveAs();
    void updateTitle();
    void updateRecentMenu();
    void addRecentFile(const QString &path);
    void copyMarkdown();
    void exportDashboard();
    void exportChart();
    void copyChart();
    void showDashboard();
    int chartUnderMouse() const;
    QString exportBaseName(const QString &chart) const;
    QString askExportPath(const QString &title, const QString &baseName);
    void exportTo(QWidget *content, const QString &figure, const QString &path,
                  const QString &what);
    void saveLastState();

    std::unique_ptr<Ui::MainWindow> m_ui;
    ScenarioDocument *m_document;
    ParameterPanel *m_panel;
    DashboardWidget *m_dashboard;
    BenchmarkStore *m_benchmarks;
    BenchmarksView *m_benchmarksView;
    // The scenario shown after a saved session failed to load: while it is unchanged, closing
    // leaves that session as it was, so that nothing the user saved is lost to a stale preset.
    std::optional<QByteArray> m_unreadSessionFallback;
    QToolButton *m_presetWarnings = nullptr;
    bool m_measuredNoteShown = false; // the status bar says why a measured figure is left out
};

} // namespace mfu::gui
