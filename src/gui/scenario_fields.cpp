#include "scenario_fields.h"

#include "engine/validate.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace mfu::gui {

const std::vector<FieldInfo> &scenarioFields()
{
    static const std::vector<FieldInfo> fields = [] {
        std::vector<FieldInfo> out;
        for (const FieldInfo &info : io::scenarioSchema())
            if (info.control == io::Control::Slider)
                out.push_back(info);
        return out;
    }();
    return fields;
}

const FieldInfo &fieldInfo(Field f)
{
    return io::keyInfo(f);
}

bool fieldForErrorPath(const std::string &path, Field *out)
{
    for (const FieldInfo &info : scenarioFields()) {
        const std::string key = info.path;
        // "hardware.peak_tflops.bf16" belongs to the peak field.
        if (path == key || path.rfind(key + ".", 0) == 0) {
            *out = info.key;
            return true;
        }
    }
    return false;
}

bool fieldShown(const FieldInfo &info, const engine::Scenario &sc)
{
    switch (info.shownWhen) {
    case io::PanelCondition::Always: return true;
    case io::PanelCondition::Experts: return sc.model.moe.enabled();
    case io::PanelCondition::LatentAttention: return sc.model.mla.enabled();
    }
    return true;
}

double fieldValue(const DocumentState &state, Field f)
{
    return fieldInfo(f).get(state.scenario);
}

void setFieldValue(DocumentState &state, Field f, double value)
{
    engine::ModelShape &m = state.scenario.model;
    // Read before the edit: whether head_dim was h/n and kv_heads was n, so that they follow.
    const bool headDimFollows = m.heads > 0 && m.headDim * m.heads == m.hidden;
    const bool kvFollows = m.kvHeads == m.heads;
    const std::int64_t sharedExpertsBefore = m.moe.sharedExperts;
    fieldInfo(f).set(state.scenario, value);
    engine::Parallel &p = state.scenario.parallel;
    if (f == Field::MoeExperts && !m.moe.enabled()) {
        m.moe = {};
        p.ep = 1;
        p.etp = 0;
    }
    if (f == Field::MoeSharedExperts) {
        const std::int64_t each = sharedExpertsBefore > 0
                                      ? m.moe.sharedExpertFfnHidden / sharedExpertsBefore
                                      : m.moe.expertFfnHidden;
        m.moe.sharedExpertFfnHidden = m.moe.sharedExperts * each;
    }
    if (f == Field::MlaKvLoraRank && !m.mla.enabled())
        m.mla = {};
    if (state.heldGpus > 0) {
        if (f == Field::Tp || f == Field::Pp || f == Field::Cp)
            p.dp = std::max<std::int64_t>(1, state.heldGpus /
                                                 std::max<std::int64_t>(1, p.tp * p.pp * p.cp));
        else if (f == Field::Gpus)
            state.heldGpus = std::llround(std::max(value, 1.0));
        else if (f == Field::Dp)
            state.heldGpus = std::int64_t(p.gpus());
    }
    if (f == Field::Heads && kvFollows)
        m.kvHeads = m.heads;
    if ((f == Field::Hidden || f == Field::Heads) && headDimFollows && m.heads > 0 &&
        m.hidden % m.heads == 0)
        m.headDim = m.hidden / m.heads;
}

std::optional<engine::Error> heldGpusError(const DocumentState &state)
{
    const engine::Parallel &p = state.scenario.parallel;
    const std::int64_t held = state.heldGpus;
    if (held <= 0 || std::int64_t(p.gpus()) == held)
        return std::nullopt;
    const QLocale locale;
    std::int64_t product = 1;
    for (auto [field, name, degree] :
         {std::tuple{"parallel.tp", "tp", p.tp}, std::tuple{"parallel.pp", "tp·pp", p.pp},
          std::tuple{"parallel.cp", "tp·pp·cp", p.cp}}) {
        product *= std::max<std::int64_t>(1, degree);
        if (held % product != 0)
            return engine::Error{
                field, QCoreApplication::translate(
                           "HeldGpus", "expected %1 to divide the %2 GPUs held fixed, found %3")
                           .arg(QString::fromLatin1(name), locale.toString(qlonglong(held)),
                                locale.toString(qlonglong(product)))
                           .toStdString()};
    }
    // The layout divides the count but DP was set apart from it (a file's dp, say).
    return engine::Error{
        "parallel.dp",
        QCoreApplication::translate("HeldGpus", "expected %1 for the %2 GPUs held fixed, found %3")
            .arg(locale.toString(qlonglong(held / product)), locale.toString(qlonglong(held)),
                 locale.toString(qlonglong(p.dp)))
            .toStdString()};
}

std::optional<engine::Error> layoutError(const DocumentState &state)
{
    if (auto e = engine::validateScenario(state.scenario))
        return e;
    return heldGpusError(state);
}

double snapFieldValue(const FieldInfo &info, double value)
{
    const io::SliderRange &range = info.slider;
    if (!std::isfinite(value))
        return range.min;
    double v = std::clamp(value, range.min, range.max);
    switch (range.snap) {
    case Snap::Integer: v = std::round(v); break;
    case Snap::PowerOfTwo: v = std::exp2(std::round(std::log2(std::max(v, 1.0)))); break;
    case Snap::Multiple64: v = std::max(64.0, std::round(v / 64) * 64); break;
    case Snap::Multiple128: v = std::max(128.0, std::round(v / 128) * 128); break;
    case Snap::Continuous:
        // Three significant digits: a slider should land on 312 or 3.35, not 311.872.
        if (v > 0) {
            const double scale = std::pow(10.0, std::floor(std::log10(v)) - 2);
            v = std::round(v / scale) * scale;
        }
        break;
    }
    return std::clamp(v, range.min, range.max);
}

double typedFieldValue(const FieldInfo &info, double value)
{
    if (!std::isfinite(value))
        return info.min;
    const double v = std::clamp(value, info.min, info.max);
    return info.type == io::ValueType::Integer ? std::round(v) : v;
}

namespace {

// The next value on the field's grid above or below `v`; NaN for continuous fields, whose
// values no divisibility rule constrains.
double gridNeighbour(const FieldInfo &info, double v, bool up)
{
    switch (info.slider.snap) {
    case Snap::Integer: return up ? v + 1 : v - 1;
    case Snap::PowerOfTwo: return up ? v * 2 : v / 2;
    case Snap::Multiple64: return up ? v + 64 : v - 64;
    case Snap::Multiple128: return up ? v + 128 : v - 128;
    case Snap::Continuous: break;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

// Bounds the search so a slider step stays well inside a frame (one validation is well under
// a microsecond) and never wanders far from where the user pointed.
constexpr int kMaxLandingSteps = 4096;

} // namespace

double sliderLandingValue(const DocumentState &state, Field f, double wanted)
{
    const FieldInfo &info = fieldInfo(f);
    if (info.slider.snap == Snap::Continuous || layoutError(state))
        return wanted;
    const auto soundWith = [&](double v) {
        DocumentState trial = state;
        setFieldValue(trial, f, v);
        return !layoutError(trial);
    };
    if (soundWith(wanted))
        return wanted;
    const double current = fieldValue(state, f);
    const bool up = wanted >= current;
    for (const bool direction : {up, !up}) {
        double v = wanted;
        for (int i = 0; i < kMaxLandingSteps; ++i) {
            v = gridNeighbour(info, v, direction);
            if (!(v >= info.slider.min && v <= info.slider.max))
                break;
            if (soundWith(v))
                return v;
        }
    }
    // Nothing sound nearby (DP past the batch, say): the field stays where it was, as a slider
    // stops at its end.
    return current;
}

} // namespace mfu::gui
