// Hugging Face Trainer's trainer_state.json. Its log_history holds loss entries every
// logging_steps and, once training ends, one summary entry:
//   {"step": 500, "train_runtime": 13107.2, "train_samples_per_second": 4.883,
//    "train_steps_per_second": 0.038, "total_flos": …, "train_loss": …}
// The per-step entries carry no time, so the run's average step time is all there is: the
// warm-up cannot be left out and there is no spread.

#include "benchmark_parsers.h"
#include "input_error.h"
#include "json_fields.h"
#include "engine/validate.h"

#include <cmath>

namespace mfu::io {

using engine::Error;
using engine::Result;
using nlohmann::json;
using namespace importing;

namespace {

// A positive finite number at `key` of `object`, or nullopt when absent.
std::optional<double> positive(const json &object, const char *key, const std::string &path)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() <= 0)
        throw InputError(path + "." + key,
                         "expected a positive number, found " + describeJson(*it));
    return it->get<double>();
}

ImportResult fromTrainerState(const json &doc, std::string_view fileName,
                              const engine::Scenario &current)
{
    if (!doc.is_object())
        throw InputError("", "expected a trainer_state.json object, found " + describeJson(doc));
    const auto history = doc.find("log_history");
    if (history == doc.end() || !history->is_array())
        throw InputError("log_history", "expected an array, found " +
                                            (history == doc.end() ? std::string("nothing")
                                                                  : describeJson(*history)));
    // The last summary: a resumed run appends one per training session.
    std::size_t summaryIndex = history->size();
    for (std::size_t i = history->size(); i-- > 0;) {
        const json &entry = (*history)[i];
        if (entry.is_object() && entry.contains("train_runtime")) {
            summaryIndex = i;
            break;
        }
    }
    if (summaryIndex == history->size())
        throw InputError("log_history", "no entry with train_runtime: the state of a run that "
                                        "has not finished training carries no timing");
    const json &summary = (*history)[summaryIndex];
    const std::string path = "log_history[" + std::to_string(summaryIndex) + "]";
    const double runtimeS = *positive(summary, "train_runtime", path);

    double steps = 0;
    std::string stepsFrom;
    if (auto v = positive(summary, "step", path)) {
        steps = *v;
        stepsFrom = path + ".step";
    } else if (auto g = positive(doc, "global_step", "")) {
        steps = *g;
        stepsFrom = "global_step";
    } else {
        throw InputError(path + ".step", "expected the number of optimizer steps (step or "
                                         "global_step), found nothing");
    }
    if (steps != std::floor(steps) || steps > 1e12)
        throw InputError(stepsFrom,
                         "expected a whole number of steps, found " + std::to_string(steps));

    RunBuilder run(current);
    engine::Scenario &sc = run.scenario;
    ImportResult result;
    result.format = "hf-trainer-state";
    // Samples per second × runtime / steps is the global batch; HF rounds the rate to three
    // decimals, so the product is rounded to a whole batch.
    if (auto samplesPerS = positive(summary, "train_samples_per_second", path)) {
        const double batch = std::round(*samplesPerS * runtimeS / steps);
        if (batch < 1 || batch > engine::limits::kMaxGlobalBatch)
            throw InputError(path + ".train_samples_per_second",
                             "gives a global batch of " + std::to_string(batch) +
                                 " sequences, expected 1 to 1e9");
        sc.batch.globalBatch = std::int64_t(batch);
        run.fromLog(K::GlobalBatch);
    }
    if (auto perDevice = positive(doc, "train_batch_size", "")) {
        if (*perDevice != std::floor(*perDevice) || *perDevice > engine::limits::kMaxGlobalBatch)
            throw InputError("train_batch_size",
                             "expected a whole batch size, found " + std::to_string(*perDevice));
        sc.batch.microBatch = std::int64_t(*perDevice);
        run.fromLog(K::MicroBatch);
    }
    // Tokens seen are counted only when the trainer was asked to; with packed sequences they
    // give the sequence length.
    if (auto tokens = positive(doc, "num_input_tokens_seen", "")) {
        const double seqLen = std::round(*tokens / steps / double(sc.batch.globalBatch));
        if (seqLen < 1 || seqLen > engine::limits::kMaxSeqLen)
            throw InputError("num_input_tokens_seen",
                             "gives " + std::to_string(seqLen) +
                                 " tokens per sequence, expected 1 to 1e8");
        sc.batch.seqLen = std::int64_t(seqLen);
        run.fromLog(K::SeqLen);
    }

    StepSummary stepSummary;
    stepSummary.medianS = runtimeS / steps;
    stepSummary.used = steps > 2e9 ? 2'000'000'000 : int(steps);
    result.notes.push_back("trainer_state.json gives only the whole run's time (train_runtime / "
                           "steps), warm-up included: no spread, nothing left out");
    result.notes.push_back("the model, the layout and the hardware come from the current scenario");
    result.runs.push_back(run.finish(baseName(fileName), stepSummary));
    return result;
}

} // namespace

Result<ImportResult> parseHfTrainerState(std::string_view text, std::string_view fileName,
                                         const engine::Scenario &current)
{
    return catchInputError<ImportResult>([&]() -> Result<ImportResult> {
        rejectBinary(text);
        return fromTrainerState(parseJsonText(text), fileName, current);
    });
}

} // namespace mfu::io
