#pragma once

#include <QFrame>

#include <array>

class QLabel;

namespace mfu::gui {

class ScenarioDocument;

// The figures a design review asks for first, in one row of tiles: size, work per step,
// predicted speed and utilisation, memory against capacity, and what the token budget costs.
// With a pinned baseline each tile shows its change.
class HeadlineStrip : public QFrame
{
    Q_OBJECT

public:
    enum Tile {
        Params,
        TokensPerStep,
        ModelFlops,
        StepTime,
        Mfu,
        Hfu,
        TflopsPerGpu,
        Memory,
        TimeToTrain,
        GpuHours,
        Cost,
        TileCount
    };

    explicit HeadlineStrip(ScenarioDocument *document, QWidget *parent = nullptr);

    QString value(Tile t) const;  // the big figure, for tests and the Markdown export
    QString detail(Tile t) const; // the line under it
    QString title(Tile t) const;

private:
    void refresh();

    ScenarioDocument *m_document;
    std::array<QLabel *, TileCount> m_titles{};
    std::array<QLabel *, TileCount> m_values{};
    std::array<QLabel *, TileCount> m_details{};
};

} // namespace mfu::gui
