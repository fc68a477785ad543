import { useState } from 'react';
import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import ClockControl from './ClockControl';
import RulesTab from './RulesTab';
import BlueprintsTab from './BlueprintsTab';
import JourneysTab from './JourneysTab';

/** Settings → Automation (administrators): workflow rules, blueprints and journeys. */
export default function AutomationPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('rules');
  // Moving the demo clock may fire waits and delayed actions: remount the tab to reload it.
  const [generation, setGeneration] = useState(0);
  return (
    <Stack data-testid="automation-page">
      <ClockControl onMoved={() => window.setTimeout(() => setGeneration((g) => g + 1), 500)} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="rules" data-testid="automation-tab-rules">
            {t('automation.tabRules')}
          </Tabs.Tab>
          <Tabs.Tab value="blueprints" data-testid="automation-tab-blueprints">
            {t('automation.tabBlueprints')}
          </Tabs.Tab>
          <Tabs.Tab value="journeys" data-testid="automation-tab-journeys">
            {t('automation.tabJourneys')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rules" pt="md">
          <RulesTab key={generation} />
        </Tabs.Panel>
        <Tabs.Panel value="blueprints" pt="md">
          <BlueprintsTab key={generation} />
        </Tabs.Panel>
        <Tabs.Panel value="journeys" pt="md">
          <JourneysTab key={generation} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
