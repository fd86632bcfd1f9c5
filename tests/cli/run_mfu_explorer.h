#pragma once

// Running the command line from tests: in-process through runHeadless(), or the real binary
// through QProcess the way a script on a server runs it (no display, no platform chosen, and
// no user presets unless the test gives a folder).

#include "cli/cli.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <sstream>
#include <string>
#include <vector>

#ifndef MFU_EXPLORER_BINARY
#error "MFU_EXPLORER_BINARY must name the mfu-explorer executable"
#endif

struct CliRun
{
    int code = -1;
    std::string out;
    std::string err;
};

inline CliRun runInProcess(const std::vector<std::string> &args, const std::string &input = {})
{
    std::istringstream in(input);
    std::ostringstream out, err;
    CliRun r;
    r.code = mfu::cli::runHeadless(args, in, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

struct BinaryRun
{
    int exitCode = -1; // -1 when it did not start, crashed or timed out: never a pass
    QByteArray out, err;
};

// `environment` ("NAME=value") is set over that bare environment, for a test of what a user's
// own settings do.
inline BinaryRun runMfuExplorer(const QStringList &args, const QByteArray &input = {},
                                const QString &presetFolder = QStringLiteral("/nonexistent"),
                                const QStringList &environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE"})
        env.remove(QLatin1String(name));
    env.insert(QStringLiteral("MFU_EXPLORER_PRESETS"), presetFolder);
    for (const QString &setting : environment)
        env.insert(setting.section(QLatin1Char('='), 0, 0), setting.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(MFU_EXPLORER_BINARY), args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    BinaryRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
