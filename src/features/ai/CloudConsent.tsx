import type { AiPriority, AiSettings } from '../../domain/ai/aiSettings';
import { AI_PRIORITIES, enabledCloudProviders } from '../../domain/ai/aiSettings';

/**
 * Asked when the user leaves Private: requests may then leave their network, and the app reaches
 * cloud providers only with their consent. Says which providers, and what a request carries.
 */
export function CloudConsent({
  priority,
  settings,
  onAnswer,
}: {
  priority: AiPriority;
  settings: AiSettings;
  onAnswer(allowed: boolean): void;
}) {
  const label = AI_PRIORITIES.find((p) => p.id === priority)?.label ?? priority;
  const cloud = enabledCloudProviders(settings);
  const where =
    cloud.length === 0
      ? 'to the cloud providers you enable and give a key'
      : `to ${cloud.join(', ')}, ${cloud.length === 1 ? 'a cloud service' : 'cloud services'} you enabled`;
  return (
    <div
      className="ai-consent"
      role="group"
      aria-label="Allow cloud AI?"
      data-own-escape
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Escape answers this question ("Stay private"); it closed the whole AI dialog.
        event.stopPropagation();
        onAnswer(false);
      }}
    >
      <p>
        <strong>Allow cloud AI?</strong> With “{label}”, requests may go {where}, as well as to models on this computer or your network. A
        request carries what you ask (a search, a question to the kit assistant) and the analysed values and tags of the samples it is about
        {settings.sendFileNames ? ', with their file names' : ', never their file names'}; audio never leaves this computer. Each
        provider&rsquo;s own terms apply; the monthly budget caps what they may cost.
      </p>
      <div className="ai-consent-actions">
        <button type="button" className="button primary" onClick={() => onAnswer(true)}>
          Allow cloud AI
        </button>
        <button type="button" className="button" autoFocus onClick={() => onAnswer(false)}>
          Stay private
        </button>
      </div>
    </div>
  );
}
