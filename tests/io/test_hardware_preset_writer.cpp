// Hardware presets written back: every built-in preset and a fitted one survive a write and a
// read unchanged, the user preset lands in the user folder atomically (no temporary file left,
// an existing preset replaced whole or not at all), and bad ids or unwritable folders are errors.
// Every save's destination: a symbolic link is followed to a regular file and refused otherwise.

#include "engine/efficiency_knobs.h"
#include "io/hardware_preset_writer.h"
#include "io/preset_library.h"
#include "io/save_target.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>
#include <string>
#include <sys/stat.h>
#include <utility>

using mfu::engine::Hardware;
using mfu::io::PresetLibrary;

namespace {

// Whether two devices agree in every figure and knob; `what` names the first that differs.
bool sameHardware(const Hardware &a, const Hardware &b, QString *what)
{
    auto differ = [&](const char *field) {
        *what = QString::fromLatin1(field);
        return false;
    };
    if (a.name != b.name)
        return differ("name");
    if (a.vendor != b.vendor)
        return differ("vendor");
    if (a.peakTflopsBf16 != b.peakTflopsBf16 || a.peakTflopsFp16 != b.peakTflopsFp16 ||
        a.peakTflopsFp8 != b.peakTflopsFp8)
        return differ("peak_tflops");
    if (a.memoryGib != b.memoryGib)
        return differ("memory_gib");
    if (a.memoryBwGbs != b.memoryBwGbs)
        return differ("memory_bw_gbs");
    if (a.intraNodeGbs != b.intraNodeGbs)
        return differ("intra_node_gbs");
    if (a.interNodeGbs != b.interNodeGbs)
        return differ("inter_node_gbs");
    if (a.gpusPerNode != b.gpusPerNode)
        return differ("gpus_per_node");
    for (const mfu::engine::KnobSpec &k : mfu::engine::efficiencyKnobs())
        if (a.knobs.*k.member != b.knobs.*k.member)
            return differ(k.name);
    return true;
}

// What went wrong with a result, for a failure message (QVERIFY2 builds it even on success).
template <typename T> QString errorOf(const mfu::engine::Result<T> &r)
{
    return r.ok() ? QString() : QString::fromStdString(r.error().toString());
}

std::string readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll().toStdString();
}

// A preset as a fit leaves it: knobs with all their digits.
mfu::io::HardwarePreset fitted()
{
    mfu::io::HardwarePreset p = *PresetLibrary::builtin().hardware("h100-sxm");
    p.hardware.knobs.gemmMaxEfficiency = 0.5512345678901234;
    p.hardware.knobs.attentionEfficiency = 0.1987654321;
    p.hardware.knobs.dpOverlap = 1.0 / 3.0;
    p.sources["efficiency"] = "fitted to 12 runs of cluster A";
    return p;
}

} // namespace

class TestHardwarePresetWriter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void builtinPresetsRoundTrip();
    void fittedKnobsRoundTripExactly();
    void documentListsEveryKnob();
    void savesIntoTheUserFolder();
    void replacesAnExistingPresetWhole();
    void rejectsBadIds_data();
    void rejectsBadIds();
    void unwritableFolderIsAnError();
    void saveTargetIsARegularFile_data();
    void saveTargetIsARegularFile();
    void presetThroughASymbolicLink();

private:
    QTemporaryDir m_dir;
};

void TestHardwarePresetWriter::init()
{
    QVERIFY(m_dir.isValid());
    QDir(m_dir.path()).removeRecursively();
    QVERIFY(QDir().mkpath(m_dir.path()));
    qputenv("MFU_EXPLORER_PRESETS", QFile::encodeName(m_dir.path()));
}

void TestHardwarePresetWriter::builtinPresetsRoundTrip()
{
    const PresetLibrary &lib = PresetLibrary::builtin();
    QVERIFY(!lib.hardwareIds().empty());
    for (const std::string &id : lib.hardwareIds()) {
        const mfu::io::HardwarePreset &p = *lib.hardware(id);
        const std::string text = mfu::io::hardwarePresetToJson(p.hardware, p.sources).dump(2);
        const auto back = mfu::io::parseHardwarePreset(id, text);
        QVERIFY2(back.ok(),
                 qPrintable(QString::fromStdString(id) + QStringLiteral(": ") + errorOf(back)));
        QString what;
        QVERIFY2(sameHardware(back->hardware, p.hardware, &what),
                 qPrintable(QString::fromStdString(id) + QStringLiteral(": ") + what));
        QVERIFY(back->sources == p.sources);
    }
}

void TestHardwarePresetWriter::fittedKnobsRoundTripExactly()
{
    const mfu::io::HardwarePreset p = fitted();
    const auto back = mfu::io::parseHardwarePreset(
        "mine", mfu::io::hardwarePresetToJson(p.hardware, p.sources).dump());
    QVERIFY(back.ok());
    QString what;
    QVERIFY2(sameHardware(back->hardware, p.hardware, &what), qPrintable(what));
    QCOMPARE(back->sources.at("efficiency"), std::string("fitted to 12 runs of cluster A"));
}

void TestHardwarePresetWriter::documentListsEveryKnob()
{
    const mfu::io::HardwarePreset p = fitted();
    const auto doc = mfu::io::hardwarePresetToJson(p.hardware, p.sources);
    QCOMPARE(doc.at("schema").get<std::string>(), std::string("mfu-explorer/hardware@1"));
    QCOMPARE(doc.begin().key(), std::string("schema"));
    for (const mfu::engine::KnobSpec &k : mfu::engine::efficiencyKnobs())
        QVERIFY2(doc.at("efficiency").contains(k.name), k.name);
    QCOMPARE(doc.at("efficiency").size(), mfu::engine::efficiencyKnobs().size());
}

void TestHardwarePresetWriter::savesIntoTheUserFolder()
{
    const mfu::io::HardwarePreset p = fitted();
    const auto saved = mfu::io::saveUserHardwarePreset("h100-cluster-a.v2", p.hardware, p.sources);
    QVERIFY2(saved.ok(), qPrintable(errorOf(saved)));
    const QString expected =
        QDir(m_dir.path()).filePath(QStringLiteral("hardware/h100-cluster-a.v2.json"));
    QCOMPARE(QFileInfo(QString::fromStdString(*saved)).absoluteFilePath(),
             QFileInfo(expected).absoluteFilePath());
    // Only the preset: the temporary file was renamed, not copied.
    const QStringList entries = QDir(m_dir.filePath(QStringLiteral("hardware")))
                                    .entryList(QDir::Files | QDir::Hidden | QDir::System);
    QCOMPARE(entries, QStringList{QStringLiteral("h100-cluster-a.v2.json")});

    // The library loads it like any user preset.
    PresetLibrary lib;
    lib.addFolder(m_dir.path().toStdString());
    QVERIFY(lib.loadWarnings().empty());
    const mfu::io::HardwarePreset *loaded = lib.hardware("h100-cluster-a.v2");
    QVERIFY(loaded);
    QString what;
    QVERIFY2(sameHardware(loaded->hardware, p.hardware, &what), qPrintable(what));
}

void TestHardwarePresetWriter::replacesAnExistingPresetWhole()
{
    mfu::io::HardwarePreset p = fitted();
    QVERIFY(mfu::io::saveUserHardwarePreset("mine", p.hardware, p.sources).ok());
    const QString path = m_dir.filePath(QStringLiteral("hardware/mine.json"));
    const std::string first = readAll(path);

    // A preset the library would reject is refused before anything is written.
    mfu::io::HardwarePreset bad = p;
    bad.hardware.knobs.gemmMaxEfficiency = 1.5;
    const auto refused = mfu::io::saveUserHardwarePreset("mine", bad.hardware, bad.sources);
    QVERIFY(!refused.ok());
    QVERIFY2(errorOf(refused).contains(QLatin1String("gemm_max_efficiency")),
             qPrintable(errorOf(refused)));
    QCOMPARE(readAll(path), first);

    p.hardware.knobs.gemmMaxEfficiency = 0.6;
    QVERIFY(mfu::io::saveUserHardwarePreset("mine", p.hardware, p.sources).ok());
    const auto back = mfu::io::parseHardwarePreset("mine", readAll(path));
    QVERIFY(back.ok());
    QCOMPARE(back->hardware.knobs.gemmMaxEfficiency, 0.6);
    QCOMPARE(QDir(m_dir.filePath(QStringLiteral("hardware")))
                 .entryList(QDir::Files | QDir::Hidden | QDir::System)
                 .size(),
             qsizetype(1));
}

void TestHardwarePresetWriter::rejectsBadIds_data()
{
    QTest::addColumn<QString>("id");
    QTest::newRow("empty") << QString();
    QTest::newRow("uppercase") << QStringLiteral("H100");
    QTest::newRow("slash") << QStringLiteral("a/b");
    QTest::newRow("parent") << QStringLiteral("..");
    QTest::newRow("escape") << QStringLiteral("../x");
    QTest::newRow("hidden") << QStringLiteral(".mine");
    QTest::newRow("space") << QStringLiteral("my preset");
    QTest::newRow("non-ascii") << QStringLiteral("h100-ü");
}

void TestHardwarePresetWriter::rejectsBadIds()
{
    QFETCH(QString, id);
    const mfu::io::HardwarePreset p = fitted();
    const auto saved = mfu::io::saveUserHardwarePreset(id.toStdString(), p.hardware, p.sources);
    QVERIFY(!saved.ok());
    QCOMPARE(QString::fromStdString(saved.error().field), QStringLiteral("id"));
    QVERIFY(!QDir(m_dir.filePath(QStringLiteral("hardware"))).exists());
}

void TestHardwarePresetWriter::unwritableFolderIsAnError()
{
    // The user folder's hardware/ is a file: nothing can be created under it.
    QFile blocker(m_dir.filePath(QStringLiteral("hardware")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const mfu::io::HardwarePreset p = fitted();
    const auto saved = mfu::io::saveUserHardwarePreset("mine", p.hardware, p.sources);
    QVERIFY(!saved.ok());
    QVERIFY2(errorOf(saved).contains(QLatin1String("hardware")), qPrintable(errorOf(saved)));
}

// Where a save to each kind of destination writes: the name itself, the regular file a link
// resolves to, or an error saying what is there. Nothing is written, so /dev/null is safe here.
void TestHardwarePresetWriter::saveTargetIsARegularFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("written"); // the file written, in the folder; empty: refused
    QTest::addColumn<QString>("error");   // a part of the error

    QTest::newRow("new name") << "new.json"
                              << "new.json"
                              << "";
    QTest::newRow("regular file") << "file.json"
                                  << "file.json"
                                  << "";
    QTest::newRow("link to a file") << "to-file"
                                    << "file.json"
                                    << "";
    QTest::newRow("link to a link to a file") << "to-link"
                                              << "file.json"
                                              << "";
    QTest::newRow("device") << "/dev/null"
                            << ""
                            << "is a character device";
    QTest::newRow("link to a device") << "to-null"
                                      << ""
                                      << "is a symbolic link to \"/dev/null\", a character device";
    QTest::newRow("folder") << "folder"
                            << ""
                            << "is a directory";
    QTest::newRow("link to a folder") << "to-folder"
                                      << ""
                                      << "link to \"folder\", a directory";
    QTest::newRow("fifo") << "fifo"
                          << ""
                          << "is a FIFO";
    QTest::newRow("link to a fifo") << "to-fifo"
                                    << ""
                                    << "link to \"fifo\", a FIFO";
    QTest::newRow("dangling link") << "dangling"
                                   << ""
                                   << "link to \"missing.json\", which does not exist";
    QTest::newRow("link loop") << "loop-a"
                               << ""
                               << "link to \"loop-b\", which cannot be followed";
}

void TestHardwarePresetWriter::saveTargetIsARegularFile()
{
    QFETCH(QString, name);
    QFETCH(QString, written);
    QFETCH(QString, error);

    const QDir dir(m_dir.path());
    QVERIFY(dir.mkdir(QStringLiteral("folder")));
    QFile file(dir.filePath(QStringLiteral("file.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QCOMPARE(::mkfifo(QFile::encodeName(dir.filePath(QStringLiteral("fifo"))).constData(), 0600),
             0);
    for (const auto &[target, link] : {std::pair{"file.json", "to-file"},
                                       {"to-file", "to-link"},
                                       {"/dev/null", "to-null"},
                                       {"folder", "to-folder"},
                                       {"fifo", "to-fifo"},
                                       {"missing.json", "dangling"},
                                       {"loop-b", "loop-a"},
                                       {"loop-a", "loop-b"}})
        QVERIFY(QFile::link(QString::fromLatin1(target), dir.filePath(QString::fromLatin1(link))));

    const QString path = name.startsWith(QLatin1Char('/')) ? name : dir.filePath(name);
    const auto target = mfu::io::saveTarget(QFile::encodeName(path).toStdString());
    if (!written.isEmpty()) {
        QVERIFY2(target.ok(), qPrintable(errorOf(target)));
        // The file itself, every link resolved; a new name as it was given.
        const QString expected = name == written
                                     ? dir.filePath(written)
                                     : QFileInfo(dir.filePath(written)).canonicalFilePath();
        QCOMPARE(QString::fromStdString(*target), expected);
        return;
    }
    QVERIFY2(!target.ok(), target.ok() ? target->c_str() : "");
    QVERIFY2(errorOf(target).contains(error), qPrintable(errorOf(target)));
}

// A preset linked into the user folder from elsewhere is saved where it lives, the link kept;
// a link to a FIFO or to nothing is refused, naming the preset's path, and nothing is written.
void TestHardwarePresetWriter::presetThroughASymbolicLink()
{
    const mfu::io::HardwarePreset p = fitted();
    QDir dir(m_dir.path());
    QVERIFY(dir.mkpath(QStringLiteral("hardware")) && dir.mkpath(QStringLiteral("elsewhere")));
    const QString link = dir.filePath(QStringLiteral("hardware/mine.json"));
    const QString kept = dir.filePath(QStringLiteral("elsewhere/mine.json"));
    {
        QFile old(kept);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
    }
    QVERIFY(QFile::link(QStringLiteral("../elsewhere/mine.json"), link));
    const auto saved = mfu::io::saveUserHardwarePreset("mine", p.hardware, p.sources);
    QVERIFY2(saved.ok(), qPrintable(errorOf(saved)));
    QVERIFY(QFileInfo(link).isSymLink());
    QVERIFY(mfu::io::parseHardwarePreset("mine", readAll(kept)).ok());
    for (const QString &folder : {QStringLiteral("hardware"), QStringLiteral("elsewhere")})
        QCOMPARE(
            QDir(dir.filePath(folder)).entryList(QDir::Files | QDir::Hidden | QDir::System).size(),
            qsizetype(1));

    const QString fifo = dir.filePath(QStringLiteral("elsewhere/fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const char *target : {"../elsewhere/fifo", "../elsewhere/missing.json"}) {
        QVERIFY(QFile::remove(link) && QFile::link(QString::fromLatin1(target), link));
        const auto refused = mfu::io::saveUserHardwarePreset("mine", p.hardware, p.sources);
        QVERIFY2(!refused.ok(), target);
        QVERIFY2(errorOf(refused).startsWith(link + QLatin1String(": is a symbolic link to")),
                 qPrintable(errorOf(refused)));
        QVERIFY(QFileInfo(link).isSymLink());
    }
    struct stat st;
    QVERIFY(::stat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("elsewhere/missing.json"))));
    QCOMPARE(QDir(dir.filePath(QStringLiteral("hardware")))
                 .entryList(QDir::Files | QDir::Hidden | QDir::System)
                 .size(),
             qsizetype(1));
}

QTEST_APPLESS_MAIN(TestHardwarePresetWriter)
#include "test_hardware_preset_writer.moc"
