import { html, nothing } from 'lit';
import { format } from '../../shared/messages.js';
import type { ViewHost } from './host.js';
import { checkRule, ruleKeys } from './password-rules.js';

/**
 * The org's rules as a checklist that follows the typing. Only the summary is a live region, so that a screen
 * reader hears how many rules are met when that changes, not every keystroke.
 */
export const rulesView = (h: ViewHost) => {
  const rules = h.state.passwordRules;
  const keys = ruleKeys(rules);
  if (!rules || !keys.length) return nothing;
  const r = h.t.recovery;
  const checkable = keys.filter((k) => checkRule(k, rules, '', h.username) !== undefined);
  const met = checkable.filter((k) => h.rulesMet.includes(k)).length;
  return html`<div part="rules" id="rules">
    <p id="rules-title">${r.rulesTitle}</p>
    <ul aria-labelledby="rules-title">
      ${keys.map((k) => {
        const n = k === 'excludeUsername' || k === 'excludeAttributes' ? 0 : (rules[k] as number);
        const can = checkable.includes(k);
        const ok = h.rulesMet.includes(k);
        return html`<li part=${can ? (ok ? 'rule rule-met' : 'rule') : 'rule'} data-rule=${k}>
          <span aria-hidden="true">${can ? (ok ? '✓' : '○') : '•'}</span>
          ${format(r[k], { n })}${can ? html`<span class="sr">: ${ok ? r.met : r.unmet}</span>` : nothing}
        </li>`;
      })}
    </ul>
    ${checkable.length
      ? html`<p class="sr" aria-live="polite" part="rules-summary">${format(r.summary, { met, total: checkable.length })}</p>`
      : nothing}
  </div>`;
};
