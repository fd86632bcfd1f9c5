#pragma once

#include <QList>
#include <QPair>
#include <QString>

class QMenuBar;
class QWidget;

namespace mfu::gui {

// Help ▸ About: what the application is, its version and license, the libraries it is built
// on and where its figures come from, as rich text.
QString aboutText();
void showAbout(QWidget *parent);

// Help ▸ Keyboard Shortcuts: every menu action that has one, as (action, key sequence) in menu
// order, the key sequence in the platform's notation.
QList<QPair<QString, QString>> shortcutRows(const QMenuBar *menus);
void showShortcuts(QWidget *parent, const QMenuBar *menus);

} // namespace mfu::gui
