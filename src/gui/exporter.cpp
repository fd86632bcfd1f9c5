#include "exporter.h"
#include "scenario_title.h"
#include "engine/names.h"

#include "read_file.h"
#include "io/preset_library.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLayout>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QRegion>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

#ifndef MFU_VERSION
#define MFU_VERSION "0.0.0"
#endif

namespace mfu::gui {

namespace {

// Gives the free functions below a translation context of their own.
class Exporter
{
    Q_DECLARE_TR_FUNCTIONS(Exporter)
};

constexpr qreal kCaptionPadding = 10;    // logical px around the caption text
constexpr qreal kCaptionLineSpacing = 2; // logical px between caption lines
constexpr qreal kInchesPerMeter = 39.3700787;

QString modelLabel(const engine::Scenario &sc)
{
    if (const io::ModelPreset *preset = io::PresetLibrary::instance().model(sc.modelPreset))
        return QString::fromStdString(preset->name);
    // A shape given by hand: the two numbers that identify it best.
    return Exporter::tr("%1 L=%2 h=%3")
        .arg(QString::fromStdString(sc.model.family))
        .arg(sc.model.layers)
        .arg(sc.model.hidden);
}

QString hardwareLabel(const engine::Scenario &sc)
{
    if (!sc.hardware.name.empty())
        return QString::fromStdString(sc.hardware.name);
    return QString::fromStdString(sc.hardwarePreset);
}

// The caption strip: the first line bold, the others in the widget's font, each wrapped to
// the strip's width. The same object measures and paints, so the two cannot disagree.
class CaptionStrip
{
public:
    CaptionStrip(const QWidget *w, const QString &caption, qreal width)
        : m_lines(caption.split(QLatin1Char('\n'))), m_width(width)
    {
        m_body = w->font();
        m_title = m_body;
        m_title.setBold(true);
        m_title.setPointSizeF(m_body.pointSizeF() * 1.15);
        m_height = kCaptionPadding;
        for (int i = 0; i < m_lines.size(); ++i)
            m_height += lineHeight(i) + (i ? kCaptionLineSpacing : 0);
        m_height += kCaptionPadding;
    }

    qreal height() const { return m_lines.isEmpty() ? 0 : m_height; }

    void paint(QPainter &p, qreal top, const QPalette &palette) const
    {
        p.save();
        p.setPen(QPen(palette.color(QPalette::Mid), 0));
        p.drawLine(QPointF(0, top), QPointF(m_width, top));
        qreal y = top + kCaptionPadding;
        for (int i = 0; i < m_lines.size(); ++i) {
            p.setFont(font(i));
            p.setPen(i == 0 ? palette.color(QPalette::WindowText) : secondary(palette));
            const qreal h = lineHeight(i);
            p.drawText(QRectF(kCaptionPadding, y, textWidth(), h),
                       Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_lines[i]);
            y += h + kCaptionLineSpacing;
        }
        p.restore();
    }

private:
    // Quieter than the title, but dark enough to read on a projector (placeholder grey is not).
    static QColor secondary(const QPalette &palette)
    {
        const QColor text = palette.color(QPalette::WindowText),
                     back = palette.color(QPalette::Window);
        constexpr qreal kText = 0.72;
        return QColor::fromRgbF(text.redF() * kText + back.redF() * (1 - kText),
                                text.greenF() * kText + back.greenF() * (1 - kText),
                                text.blueF() * kText + back.blueF() * (1 - kText));
    }
    const QFont &font(int line) const { return line == 0 ? m_title : m_body; }
    qreal textWidth() const { return std::max<qreal>(1, m_width - 2 * kCaptionPadding); }
    qreal lineHeight(int line) const
    {
        const QFontMetricsF fm(font(line));
        return fm
            .boundingRect(QRectF(0, 0, textWidth(), 1e6),
                          Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_lines[line])
            .height();
    }

    QStringList m_lines;
    qreal m_width;
    QFont m_title, m_body;
    qreal m_height = 0;
};

// A widget being exported: the area its content gets, and for a hidden window the layout it
// needs first. A hidden window is shown off screen while it is exported, since layouts and
// the charts' axes only settle on a shown widget. When its minimum size exceeds the area, it
// is laid out at that minimum and scaled down to fit, so the page keeps the size asked for.
class Subject
{
public:
    Subject(QWidget *w, const QString &caption, QSize size) : m_widget(w)
    {
        m_plot = qobject_cast<QCustomPlot *>(w);
        QSize content = w->size();
        if (size.isValid()) {
            const qreal captionHeight = CaptionStrip(w, caption, size.width()).height();
            content =
                QSize(size.width(), std::max(1, size.height() - int(std::ceil(captionHeight))));
        }
        m_widgetSize = content;
        if (!m_plot) {
            if (!w->isVisible() && w->isWindow()) {
                m_shownOffScreen = true;
                w->setAttribute(Qt::WA_DontShowOnScreen, true);
                w->resize(content);
                w->show();
                QCoreApplication::sendPostedEvents();
                if (w->layout())
                    w->layout()->activate();
                QCoreApplication::sendPostedEvents();
            } else {
                content = w->size(); // a shown widget keeps its size: the export never moves it
            }
            m_widgetSize = w->size();
            m_scale = std::min({1.0, qreal(content.width()) / m_widgetSize.width(),
                                qreal(content.height()) / m_widgetSize.height()});
        }
        m_content = content;
        const qreal captionHeight = CaptionStrip(w, caption, content.width()).height();
        m_page = QSize(content.width(), content.height() + int(std::ceil(captionHeight)));
    }
    ~Subject()
    {
        if (m_shownOffScreen) {
            m_widget->hide();
            m_widget->setAttribute(Qt::WA_DontShowOnScreen, false);
        }
    }
    Subject(const Subject &) = delete;
    Subject &operator=(const Subject &) = delete;

    QSize page() const { return m_page; }

    // Paints the page: background, content, caption. Charts draw themselves through
    // QCustomPlot::toPainter, which stays vector on SVG and PDF and sharp at any pixel ratio,
    // where rendering the widget would copy its screen-resolution buffer.
    void paint(QCPPainter &p, const QString &caption) const
    {
        const QPalette palette = m_widget->palette();
        p.fillRect(QRect(QPoint(0, 0), m_page), palette.color(QPalette::Window));
        if (m_plot) {
            m_plot->toPainter(&p, m_content.width(), m_content.height());
            // toPainter leaves the axes laid out for the export's size; the plot on screen
            // must map the mouse by its own again.
            if (m_content != m_plot->size())
                m_plot->replot(QCustomPlot::rpQueuedReplot);
        } else {
            p.save();
            p.translate((m_content.width() - m_widgetSize.width() * m_scale) / 2, 0);
            p.scale(m_scale, m_scale);
            const QList<QCustomPlot *> plots = m_widget->findChildren<QCustomPlot *>();
            QRegion rest(QRect(QPoint(0, 0), m_widgetSize));
            QList<QCustomPlot *> shown;
            for (QCustomPlot *plot : plots) {
                if (!plot->isVisibleTo(m_widget) || plot->width() <= 0 || plot->height() <= 0)
                    continue;
                shown << plot;
                rest -= QRect(plot->mapTo(m_widget, QPoint(0, 0)), plot->size());
            }
            m_widget->render(&p, QPoint(), rest, QWidget::DrawChildren);
            for (QCustomPlot *plot : shown) {
                p.save();
                p.translate(plot->mapTo(m_widget, QPoint(0, 0)));
                p.setClipRect(QRect(QPoint(0, 0), plot->size()), Qt::IntersectClip);
                plot->toPainter(&p, plot->width(), plot->height());
                p.restore();
            }
            p.restore();
        }
        p.setClipping(false);
        CaptionStrip(m_widget, caption, m_page.width()).paint(p, m_content.height(), palette);
    }

    // Dots per inch the widgets lay out their fonts with; vector devices must match it or
    // text would not fit the boxes measured for it.
    int dpi() const { return m_widget->logicalDpiY(); }

private:
    QWidget *m_widget;
    QCustomPlot *m_plot = nullptr;
    bool m_shownOffScreen = false;
    QSize m_content;    // the page above the caption
    QSize m_widgetSize; // the widget's own size; larger than m_content when scaled down
    qreal m_scale = 1;
    QSize m_page;
};

QImage paintImage(const Subject &subject, const QString &caption)
{
    const QSize page = subject.page();
    QImage image(page * kExportPixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(kExportPixelRatio);
    image.setDotsPerMeterX(qRound(subject.dpi() * kInchesPerMeter));
    image.setDotsPerMeterY(qRound(subject.dpi() * kInchesPerMeter));
    image.fill(Qt::white);
    {
        QCPPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        p.setRenderHint(QPainter::TextAntialiasing);
        p.setMode(QCPPainter::pmNoCaching);
        subject.paint(p, caption);
    }
    // Viewers that honour the PNG's density show it at its logical size.
    image.setDotsPerMeterX(qRound(subject.dpi() * kExportPixelRatio * kInchesPerMeter));
    image.setDotsPerMeterY(qRound(subject.dpi() * kExportPixelRatio * kInchesPerMeter));
    return image;
}

engine::Result<QByteArray> encodePng(const Subject &subject, const QString &caption)
{
    QImage image = paintImage(subject, caption);
    image.setText(QStringLiteral("Description"), caption);
    image.setText(QStringLiteral("Software"), QStringLiteral("MFU Explorer " MFU_VERSION));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return engine::Error{"", Exporter::tr("cannot encode the PNG image").toStdString()};
    return bytes;
}

engine::Result<QByteArray> encodeSvg(const Subject &subject, const QString &caption)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator svg;
    svg.setOutputDevice(&buffer);
    svg.setSize(subject.page());
    svg.setViewBox(QRect(QPoint(0, 0), subject.page()));
    svg.setResolution(subject.dpi());
    svg.setTitle(caption.section(QLatin1Char('\n'), 0, 0));
    svg.setDescription(caption);
    QCPPainter p;
    if (!p.begin(&svg))
        return engine::Error{"", Exporter::tr("cannot start the SVG drawing").toStdString()};
    p.setMode(QCPPainter::pmVectorized);
    p.setMode(QCPPainter::pmNoCaching);
    subject.paint(p, caption);
    p.end();
    return bytes;
}

engine::Result<QByteArray> encodePdf(const Subject &subject, const QString &caption)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("MFU Explorer " MFU_VERSION));
        pdf.setTitle(caption.section(QLatin1Char('\n'), 0, 0));
        // One device unit per logical pixel, so fonts measure as they did on screen; the page
        // is exactly the content, in points.
        pdf.setResolution(subject.dpi());
        const QSizeF points = QSizeF(subject.page()) * 72.0 / subject.dpi();
        const QPageSize pageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch);
        if (!pdf.setPageLayout(QPageLayout(pageSize, QPageLayout::Portrait, QMarginsF())))
            return engine::Error{"", Exporter::tr("cannot set the PDF page size").toStdString()};
        QCPPainter p;
        if (!p.begin(&pdf))
            return engine::Error{"", Exporter::tr("cannot start the PDF drawing").toStdString()};
        p.setMode(QCPPainter::pmVectorized);
        p.setMode(QCPPainter::pmNoCaching);
        subject.paint(p, caption);
        p.end();
    }
    return bytes;
}

engine::Result<bool> saveAtomically(const QString &path, const QByteArray &bytes)
{
    const auto target = saveTarget(path);
    if (!target)
        return target.error();
    QSaveFile file(target.value());
    if (!file.open(QIODevice::WriteOnly))
        return engine::Error{
            "", Exporter::tr("cannot write: %1").arg(file.errorString()).toStdString()};
    if (file.write(bytes) != bytes.size() || !file.commit())
        return engine::Error{
            "", Exporter::tr("cannot write: %1").arg(file.errorString()).toStdString()};
    return true;
}

} // namespace

QStringList exportSuffixes()
{
    return {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")};
}

engine::Result<bool> checkExportFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix();
    if (exportSuffixes().contains(suffix.toLower()))
        return true;
    const QString found =
        suffix.isEmpty() ? Exporter::tr("no suffix") : QStringLiteral("\".%1\"").arg(suffix);
    return engine::Error{
        "",
        Exporter::tr("unknown format %1: expected .png, .svg or .pdf").arg(found).toStdString()};
}

QString captionFor(const engine::Scenario &sc, const QString &figure, QDate date)
{
    const QLocale locale;
    const engine::Parallel &par = sc.parallel;
    QString params =
        Exporter::tr(
            "%1 · b = %2 · s = %3 · tp %4 / pp %5 / dp %6 / cp %7 · %8 × %9 · %10 · recompute %11")
            .arg(modelLabel(sc), locale.toString(qlonglong(sc.batch.globalBatch)),
                 locale.toString(qlonglong(sc.batch.seqLen)))
            .arg(par.tp)
            .arg(par.pp)
            .arg(par.dp)
            .arg(par.cp)
            .arg(locale.toString(par.gpus(), 'f', 0), hardwareLabel(sc),
                 QString::fromLatin1(engine::nameOf(sc.precision)),
                 QString::fromLatin1(engine::nameOf(sc.recompute)));
    // A model with experts lays them out on their own: the caption gives the expert degrees.
    if (sc.model.moe.enabled())
        params += Exporter::tr(" · ep %1 / etp %2").arg(par.ep).arg(par.expertTp());
    // The stack prices every term of the step, so the caption names it.
    const std::string &stack = sc.software.name.empty() ? sc.softwarePreset : sc.software.name;
    if (!stack.empty())
        params += Exporter::tr(" · stack %1").arg(QString::fromStdString(stack));
    // MFU figures are only comparable under one FLOPs convention, so a non-default one shows.
    if (sc.conventions.flops != engine::FlopsConvention::Exact)
        params += Exporter::tr(" · FLOPs %1")
                      .arg(QString::fromLatin1(engine::nameOf(sc.conventions.flops)));
    QString name = scenarioTitle(sc);
    if (!figure.isEmpty())
        name = Exporter::tr("%1 — %2").arg(figure, name);
    const QString footer = Exporter::tr("MFU Explorer %1 · %2")
                               .arg(QStringLiteral(MFU_VERSION), date.toString(Qt::ISODate));
    return name + QLatin1Char('\n') + params + QLatin1Char('\n') + footer;
}

QImage renderImage(QWidget *w, const QString &caption, QSize size)
{
    const Subject subject(w, caption, size);
    return paintImage(subject, caption);
}

engine::Result<bool> exportWidget(QWidget *w, const QString &caption, const QString &path,
                                  QSize size)
{
    if (auto format = checkExportFormat(path); !format)
        return format.error();
    if (size.isValid() && size.isEmpty())
        return engine::Error{
            "",
            Exporter::tr("empty size %1x%2").arg(size.width()).arg(size.height()).toStdString()};

    const QString suffix = QFileInfo(path).suffix().toLower();
    const Subject subject(w, caption, size);
    engine::Result<QByteArray> bytes = suffix == QLatin1String("png") ? encodePng(subject, caption)
                                       : suffix == QLatin1String("svg")
                                           ? encodeSvg(subject, caption)
                                           : encodePdf(subject, caption);
    if (!bytes)
        return bytes.error();
    return saveAtomically(path, bytes.value());
}

} // namespace mfu::gui
