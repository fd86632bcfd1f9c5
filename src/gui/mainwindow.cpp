#include "mainwindow.h"

#include "ui_mainwindow.h"

#include <qcustomplot.h>

namespace mfu::gui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    m_ui->plot->xAxis->setLabel(tr("global batch (sequences)"));
    m_ui->plot->yAxis->setLabel(tr("MFU"));
}

MainWindow::~MainWindow() = default;

} // namespace mfu::gui
