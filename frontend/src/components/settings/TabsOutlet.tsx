import { Suspense } from 'react';
import { Outlet } from 'react-router-dom';
import { Tabs, type TabsVariant } from '@mantine/core';
import { PageLoader } from '../../auth/guards';

/** A row of tabs that are routes (Settings, Settings → WhatsApp), and the open tab's page. */
export default function TabsOutlet({
  tabs,
  value,
  onChange,
  variant,
}: {
  tabs: readonly { value: string; label: string; testId: string }[];
  value: string | null;
  onChange: (value: string) => void;
  variant?: TabsVariant;
}) {
  return (
    <>
      <Tabs variant={variant} value={value} onChange={(v) => v && onChange(v)} mb="md">
        <Tabs.List>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value} data-testid={tab.testId}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </>
  );
}
