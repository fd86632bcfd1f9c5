// Export for design reviews: the dashboard and single charts as PNG (2×), SVG and PDF with a
// caption, written atomically; wrong names and unwritable places fail without leaving a file.
#include "gui/curves_view.h"
#include "gui/dashboard_widget.h"
#include "gui/exporter.h"
#include "gui/scenario_title.h"
#include "gui/mainwindow.h"
#include "gui/scenario_document.h"
#include "io/scenario_io.h"

#include <QAction>
#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <qcustomplot.h>

using namespace mfu;

class TestExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void caption();
    void writesEachFormat_data();
    void writesEachFormat();
    void chartDefaultSizeAddsCaption();
    void hiddenDashboardStaysHidden();
    void unknownSuffixWritesNothing();
    void missingFolderWritesNothing();
    void failedExportKeepsOldFile();
    void windowCopiesChart();

private:
    QWidget *target(const QString &which) const;

    std::unique_ptr<gui::ScenarioDocument> m_document;
    std::unique_ptr<gui::DashboardWidget> m_dashboard;
    QTemporaryDir m_dir;
};

void TestExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestExport::init()
{
    m_document = std::make_unique<gui::ScenarioDocument>();
    m_dashboard = std::make_unique<gui::DashboardWidget>(m_document.get());
}

void TestExport::cleanup()
{
    m_dashboard.reset();
    m_document.reset();
}

QWidget *TestExport::target(const QString &which) const
{
    if (which == QLatin1String("dashboard"))
        return m_dashboard.get();
    return m_dashboard->curves()->plot();
}

void TestExport::caption()
{
    const QString text = gui::captionFor(io::defaultScenario(), QString(), QDate(2024, 5, 6));
    const QStringList lines = text.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("Llama-2-70B on 1,024 H100"));
    QVERIFY2(lines[1].contains(QStringLiteral("tp 8 / pp 4 / dp 32 / cp 1")), qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(QStringLiteral("bf16")), qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(QStringLiteral("recompute selective")), qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(QStringLiteral("stack NeMo 25 / Megatron-Bridge")),
             qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(QStringLiteral("H100")), qPrintable(lines[1]));
    QVERIFY2(lines[1].contains(QStringLiteral("4,096")) ||
                 lines[1].contains(QStringLiteral("4096")),
             qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(QStringLiteral("MFU Explorer ")), qPrintable(lines[2]));
    QVERIFY2(lines[2].endsWith(QStringLiteral("2024-05-06")), qPrintable(lines[2]));

    // One chart carries its name, since its title is a label outside the plot.
    const QString chart = gui::captionFor(io::defaultScenario(), QStringLiteral("MFU curve"));
    QVERIFY2(chart.startsWith(QStringLiteral("MFU curve — Llama-2-70B on 1,024 H100\n")),
             qPrintable(chart));
}

void TestExport::writesEachFormat_data()
{
    QTest::addColumn<QString>("which");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QSize>("size");
    for (const char *which : {"dashboard", "chart"}) {
        const QSize size = QByteArray(which) == "dashboard" ? QSize(1200, 800) : QSize(640, 420);
        for (const char *suffix : {"png", "svg", "pdf"})
            QTest::addRow("%s.%s", which, suffix)
                << QString::fromLatin1(which) << QString::fromLatin1(suffix) << size;
    }
}

void TestExport::writesEachFormat()
{
    QFETCH(QString, which);
    QFETCH(QString, suffix);
    QFETCH(QSize, size);
    const QString path = m_dir.filePath(which + QStringLiteral(".") + suffix);
    const QString caption = gui::captionFor(m_document->scenario());
    const auto written = gui::exportWidget(target(which), caption, path, size);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    if (suffix == QLatin1String("png")) {
        const QImage image(path);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), size * 2);
        // Not a blank page: the content and the caption left dark pixels.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                dark += qGray(image.pixel(x, y)) < 128;
        QVERIFY2(dark > 200, qPrintable(QString::number(dark)));
    } else if (suffix == QLatin1String("svg")) {
        QSvgRenderer renderer(path);
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), size));
        const QString text = QString::fromUtf8(bytes);
        QVERIFY(text.contains(gui::scenarioTitle(m_document->scenario())));
        QVERIFY(text.contains(QStringLiteral("MFU Explorer")));
        QVERIFY(text.contains(QStringLiteral("tp 8 / pp 4 / dp 32 / cp 1")));
        // The charts are drawn as vectors, not pasted as pictures.
        QVERIFY(text.contains(QStringLiteral("<path")) ||
                text.contains(QStringLiteral("<polyline")));
        if (which == QLatin1String("chart"))
            QVERIFY(!text.contains(QStringLiteral("<image")));
    } else {
        QVERIFY(bytes.startsWith("%PDF"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    }
}

void TestExport::chartDefaultSizeAddsCaption()
{
    QCustomPlot *plot = m_dashboard->curves()->plot();
    plot->resize(500, 300);
    const QImage image = gui::renderImage(plot, gui::captionFor(m_document->scenario()));
    QCOMPARE(image.width(), 1000);
    QVERIFY(image.height() > 600); // the plot, and the caption strip under it
    QCOMPARE(image.devicePixelRatio(), 2.0);
}

void TestExport::hiddenDashboardStaysHidden()
{
    QVERIFY(!m_dashboard->isVisible());
    const auto written =
        gui::exportWidget(m_dashboard.get(), QStringLiteral("x"),
                          m_dir.filePath(QStringLiteral("hidden.png")), QSize(1000, 700));
    QVERIFY(written.ok());
    QVERIFY(!m_dashboard->isVisible());
    QVERIFY(!m_dashboard->testAttribute(Qt::WA_DontShowOnScreen));
}

void TestExport::unknownSuffixWritesNothing()
{
    for (const char *name : {"out.bmp", "out", "out.png.txt"}) {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        const auto written =
            gui::exportWidget(m_dashboard.get(), QStringLiteral("x"), path, QSize(1000, 700));
        QVERIFY(!written.ok());
        const QString message = QString::fromStdString(written.error().toString());
        QVERIFY2(message.contains(QStringLiteral(".png")) &&
                     message.contains(QStringLiteral(".pdf")),
                 qPrintable(message));
        QVERIFY(!QFile::exists(path));
    }
    const auto bmp = gui::checkExportFormat(QStringLiteral("a.bmp"));
    QVERIFY(!bmp.ok());
    QVERIFY(QString::fromStdString(bmp.error().message).contains(QStringLiteral("\".bmp\"")));
    QVERIFY(gui::checkExportFormat(QStringLiteral("A.PNG")).ok());
}

void TestExport::missingFolderWritesNothing()
{
    const QString folder = m_dir.filePath(QStringLiteral("no/such/folder"));
    for (const char *suffix : {"png", "svg", "pdf"}) {
        const QString path = folder + QStringLiteral("/out.") + QString::fromLatin1(suffix);
        const auto written = gui::exportWidget(m_dashboard->curves()->plot(), QStringLiteral("x"),
                                               path, QSize(600, 400));
        QVERIFY(!written.ok());
        QVERIFY(!written.error().message.empty());
        QVERIFY(!QFile::exists(path));
    }
    QVERIFY(!QFile::exists(folder));
}

void TestExport::failedExportKeepsOldFile()
{
    // A read-only folder refuses the temporary file; the figure already there must survive.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("kept.png"));
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    const auto written =
        gui::exportWidget(m_dashboard.get(), QStringLiteral("x"), path, QSize(1000, 700));
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (written.ok())
        QSKIP("the folder stayed writable (running as root)");
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("old"));
}

void TestExport::windowCopiesChart()
{
    // Without the mouse over a chart, Copy Chart copies the MFU curve at twice its size.
    gui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCursor::setPos(window.mapToGlobal(QPoint(-50, -50)));
    auto *copy = window.findChild<QAction *>(QStringLiteral("actionCopyChart"));
    QVERIFY(copy);
    QGuiApplication::clipboard()->clear();
    copy->trigger();
    const QImage image = QGuiApplication::clipboard()->image();
    QVERIFY(!image.isNull());
    const QCustomPlot *plot = window.dashboard()->curves()->plot();
    QCOMPARE(image.width(), plot->width() * 2);
    QVERIFY(image.height() > plot->height() * 2);
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("MFU curve")));
}

QTEST_MAIN(TestExport)
#include "test_export.moc"
