#include "scenario_title.h"

#include "engine/names.h"
#include "io/preset_library.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace mfu::gui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ScenarioTitle", text);
}

// The model's preset name while the shape is the preset's (the family is only a label),
// marked once it is not; a shape of no preset by its size.
QString modelPart(const engine::Scenario &sc)
{
    const io::ModelPreset *preset = io::PresetLibrary::instance().model(sc.modelPreset);
    if (preset) {
        engine::ModelShape shape = sc.model;
        shape.family = preset->shape.family;
        const QString name = QString::fromStdString(preset->name);
        return shape == preset->shape ? name : tr("%1, modified").arg(name);
    }
    return tr("%1 layers × %2").arg(sc.model.layers).arg(sc.model.hidden);
}

// The device without its vendor's prefix, which every GPU name repeats.
QString devicePart(const engine::Hardware &hw)
{
    QString name = QString::fromStdString(hw.name);
    const QString vendor = QString::fromStdString(hw.vendor) + QLatin1Char(' ');
    if (vendor.size() > 1 && name.startsWith(vendor))
        name.remove(0, vendor.size());
    return name.isEmpty() ? tr("GPU") : name;
}

// A mixture of experts adds its expert layout: EP, and ETP where it is not TP's.
QString layoutPart(const engine::Scenario &sc)
{
    const engine::Parallel &p = sc.parallel;
    QString layout = QStringLiteral("TP%1 PP%2 DP%3").arg(p.tp).arg(p.pp).arg(p.dp);
    if (p.cp > 1)
        layout += QStringLiteral(" CP%1").arg(p.cp);
    if (p.vpp > 1)
        layout += QStringLiteral(" VPP%1").arg(p.vpp);
    if (sc.model.moe.enabled()) {
        layout += QStringLiteral(" EP%1").arg(p.ep);
        if (p.expertTp() != p.tp)
            layout += QStringLiteral(" ETP%1").arg(p.expertTp());
    }
    return layout;
}

} // namespace

QString contentsTitle(const engine::Scenario &sc)
{
    QStringList parts{modelPart(sc),
                      tr("%1 × %2").arg(QLocale().toString(qlonglong(sc.parallel.gpus())),
                                        devicePart(sc.hardware)),
                      layoutPart(sc), tr("s %1").arg(sc.batch.seqLen)};
    if (sc.precision != engine::Precision::Bf16)
        parts << QString::fromLatin1(engine::nameOf(sc.precision));
    if (sc.recompute != engine::Recompute::None)
        parts << QString::fromLatin1(engine::nameOf(sc.recompute));
    return parts.join(QStringLiteral(" · "));
}

QString scenarioTitle(const engine::Scenario &sc)
{
    return sc.name.empty() ? contentsTitle(sc) : QString::fromStdString(sc.name);
}

} // namespace mfu::gui
