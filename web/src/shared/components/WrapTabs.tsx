import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface WrapTabItem {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

/**
 * Tabs whose labels wrap onto a second line instead of scrolling. Ant Design's Tabs put their "more"
 * button (shown when the labels do not fit, as on a phone) inside the tablist, which breaks ARIA (a
 * tablist may hold only tabs: axe's aria-required-children). Here the tablist holds only its tabs, the
 * selected one is the only one in the tab order, and the arrow keys, Home and End move between them
 * (the WAI-ARIA tabs pattern with automatic activation). Only the selected panel is rendered.
 */
export function WrapTabs({
  items,
  activeKey,
  onChange,
}: {
  items: WrapTabItem[];
  activeKey: string | undefined;
  onChange: (key: string) => void;
}) {
  const id = useId();
  const tabs = useRef(new Map<string, HTMLButtonElement>());
  const active = items.find((i) => i.key === activeKey) ?? items[0];
  const tabId = (key: string) => `${id}-tab-${key}`;
  const panelId = (key: string) => `${id}-panel-${key}`;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const key = items[next].key;
    tabs.current.get(key)?.focus();
    onChange(key);
  };

  return (
    <div className="wrap-tabs">
      <div role="tablist" aria-orientation="horizontal" className="wrap-tabs-list">
        {items.map((item, index) => {
          const selected = item.key === active?.key;
          return (
            <button
              key={item.key}
              ref={(el) => {
                if (el) tabs.current.set(item.key, el);
                else tabs.current.delete(item.key);
              }}
              type="button"
              role="tab"
              id={tabId(item.key)}
              aria-selected={selected}
              aria-controls={panelId(item.key)}
              tabIndex={selected ? 0 : -1}
              className={selected ? 'wrap-tabs-tab wrap-tabs-tab-active' : 'wrap-tabs-tab'}
              onClick={() => onChange(item.key)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      {active ? (
        <div
          role="tabpanel"
          id={panelId(active.key)}
          aria-labelledby={tabId(active.key)}
          tabIndex={0}
          className="wrap-tabs-panel"
        >
          {active.children}
        </div>
      ) : null}
    </div>
  );
}
