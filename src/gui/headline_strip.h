#pragma once

#include <QFrame>

#include <array>
#include <cmath>

class QGridLayout;
class QLabel;

namespace mfu::engine {
struct Evaluation;
}

namespace mfu::gui {

class ScenarioDocument;

// The figures a design review asks for first, in one row of tiles: size, work per step,
// predicted speed and utilisation, memory against capacity, and what the token budget costs.
// With a pinned baseline each tile shows its change. Where one row does not fit (a laptop
// screen at 125% or 200% scaling) the tiles wrap into balanced rows.
class HeadlineStrip : public QFrame
{
    Q_OBJECT

public:
    enum Tile
    {
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

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    // What a tile shows, and the number its change against the baseline is worked out from.
    struct Figure
    {
        QString text;
        double number = NAN;
        bool higherIsBetter = true;
        QString note;
    };

    void refresh();
    void showInvalid();
    void setValue(int tile, const QString &text);
    // "671 B (37.6 B active)"
    static QString withActive(const QString &total, const QString &active);
    // The parameters tile as wide as a total with its active count, or as a total alone.
    void setParamsTileWide(bool wide);
    std::array<Figure, TileCount> figures(const engine::Evaluation &ev) const;
    // The pinned baseline's number for tile `t`; NaN where it has none.
    double baselineValue(Tile t) const;
    // Places the tiles in as few balanced rows as fit `width`.
    void arrangeTiles(int width);
    // Width of a row of tiles [first, first + count), margins and spacing included.
    int rowWidth(int first, int count) const;

    ScenarioDocument *m_document;
    std::array<QLabel *, TileCount> m_titles{};
    std::array<QLabel *, TileCount> m_values{};
    std::array<QString, TileCount> m_fullValues; // as computed; a label may show it elided
    std::array<QLabel *, TileCount> m_details{};
    QGridLayout *m_grid = nullptr;
    int m_tilesPerRow = 0;
    std::array<int, 2> m_paramsWidths{}; // the parameters tile: a total alone, and with its
                                         // active count
    bool m_paramsTileWide = false;
};

} // namespace mfu::gui
