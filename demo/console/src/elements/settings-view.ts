// <settings-view>: the store's configuration without SQL. Storefronts (/v3/channels): each channel's
// storefront origins (the exact origins the widget may call the API from: add, remove after a
// confirmation), its name and status, and its own customer settings (/v3/customers/settings/channels/{id},
// each value the store's unless set); a new storefront. The store-wide customer settings
// (/v3/customers/settings): the sign-up and guest groups, our policies (email verification, newsletter
// double opt-in, passkey sign-up) and the privacy settings. A change applies to the worker's next request.
import { html, nothing, type TemplateResult } from 'lit';
import { api, ApiProblem, isAbort } from '../api';
import { checked, ConsoleView, define, formValues, loading, problemBox, statusLine, textField } from '../base';
import { statusLabel } from '../format';
import type { Channel, ChannelSettings, ChannelSettingsChanges, CustomerSettings, CustomerSettingsChanges, Group } from '../types';

const STATUSES: { value: Channel['status']; label: string }[] = [
  { value: 'active', label: 'Active (origins trusted)' },
  { value: 'prelaunch', label: 'Pre-launch (origins trusted)' },
  { value: 'inactive', label: 'Inactive (origins not trusted)' },
  { value: 'archived', label: 'Archived (origins not trusted)' },
];
const TRUSTED: readonly Channel['status'][] = ['active', 'prelaunch'];

/** What a channel card is doing: nothing, confirming an origin's removal, or saving. */
interface ChannelState {
  removing?: string;
  busy?: boolean;
  problem?: unknown;
  message?: string;
  /** The origin being added (kept so a refused one stays in the box). */
  draft?: string;
  settings?: ChannelSettings | null;
  settingsProblem?: unknown;
  settingsMessage?: string;
  detailsProblem?: unknown;
  detailsMessage?: string;
}

/** `on`/`off` ↔ booleans, '' for "the store's setting" (null). */
const tri = (v: boolean | null | undefined) => (v === null || v === undefined ? '' : v ? 'on' : 'off');
const fromTri = (v: string | undefined): boolean | null => (v === 'on' ? true : v === 'off' ? false : null);

/**
 * The console's settings page.
 */
export class SettingsView extends ConsoleView {
  static override properties = {
    revision: { type: Number },
    channels: { state: true },
    settings: { state: true },
    groups: { state: true },
    problem: { state: true },
    states: { state: true },
    settingsProblem: { state: true },
    settingsMessage: { state: true },
    savingSettings: { state: true },
    newProblem: { state: true },
    newMessage: { state: true },
  };

  /** Reloads when it changes (a new admin token). */
  declare revision: number;
  /** @internal */
  declare channels: Channel[] | null;
  /** @internal */
  declare settings: CustomerSettings | null;
  /** @internal */
  declare groups: Group[];
  /** @internal */
  declare problem: unknown;
  /** @internal Per channel id. */
  declare states: Record<number, ChannelState>;
  /** @internal */
  declare settingsProblem: unknown;
  /** @internal */
  declare settingsMessage: string;
  /** @internal */
  declare savingSettings: boolean;
  /** @internal */
  declare newProblem: unknown;
  /** @internal */
  declare newMessage: string;
  private abort?: AbortController;

  constructor() {
    super();
    this.revision = 0;
    this.channels = null;
    this.settings = null;
    this.groups = [];
    this.problem = null;
    this.states = {};
    this.settingsProblem = null;
    this.settingsMessage = '';
    this.savingSettings = false;
    this.newProblem = null;
    this.newMessage = '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('revision')) void this.load();
  }

  override disconnectedCallback(): void {
    this.abort?.abort();
    super.disconnectedCallback();
  }

  private async load() {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    const signal = abort.signal;
    this.problem = null;
    try {
      const [channels, settings, groups] = await Promise.all([
        api('GET', '/v3/channels', { query: { limit: 250 }, signal }),
        api('GET', '/v3/customers/settings', { signal }),
        api('GET', '/v2/customer_groups', { query: { limit: 250 }, signal }),
      ]);
      this.channels = channels.data;
      this.settings = settings.data;
      this.groups = groups;
    } catch (err) {
      if (!isAbort(err)) this.problem = err;
    }
  }

  private state(id: number): ChannelState {
    return this.states[id] ?? {};
  }

  private setState(id: number, change: Partial<ChannelState>) {
    this.states = { ...this.states, [id]: { ...this.state(id), ...change } };
  }

  private replaceChannel(channel: Channel) {
    this.channels = (this.channels ?? []).map((c) => (c.id === channel.id ? channel : c));
  }

  /** PUT /v3/channels/{id} with the new origin list. */
  private async saveOrigins(channel: Channel, origins: string[], done: (saved: Channel) => Partial<ChannelState>) {
    this.setState(channel.id, { busy: true, problem: null, message: '' });
    try {
      const res = await api('PUT', '/v3/channels/:id', { param: { id: channel.id }, body: { storefront_origins: origins } });
      this.replaceChannel(res.data);
      this.setState(channel.id, { busy: false, removing: undefined, ...done(res.data) });
      return true;
    } catch (err) {
      this.setState(channel.id, { busy: false, problem: err });
      return false;
    }
  }

  private async handleAddOrigin(e: SubmitEvent, channel: Channel) {
    e.preventDefault();
    const input = (e.target as HTMLFormElement).elements.namedItem('origin') as HTMLInputElement;
    const origin = input.value.trim();
    this.setState(channel.id, { draft: origin });
    if (!origin) {
      this.setState(channel.id, { problem: 'Type an origin first, like https://shop.example.com.' });
      input.focus();
      return;
    }
    const ok = await this.saveOrigins(channel, [...channel.storefront_origins, origin], (saved) => {
      const added = saved.storefront_origins[saved.storefront_origins.length - 1] ?? origin;
      return {
        draft: '',
        message: TRUSTED.includes(saved.status)
          ? `Added ${added}. The widget may call the API from it now.`
          : `Added ${added}. This storefront is ${saved.status}: its origins are trusted once it is active or pre-launch.`,
      };
    });
    if (ok) input.value = '';
    else void this.focusLater(`#origin-new-${channel.id}`);
  }

  private async handleRemoveOrigin(channel: Channel, origin: string) {
    await this.saveOrigins(
      channel,
      channel.storefront_origins.filter((o) => o !== origin),
      () => ({ message: `Removed ${origin}. The widget on that site can no longer call the API.` }),
    );
    void this.focusLater(`#origin-new-${channel.id}`);
  }

  private async handleChannelDetails(e: SubmitEvent, channel: Channel) {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    this.setState(channel.id, { detailsProblem: null, detailsMessage: '' });
    try {
      const res = await api('PUT', '/v3/channels/:id', {
        param: { id: channel.id },
        body: { name: v.name ?? '', status: (v.status ?? channel.status) as Channel['status'] },
      });
      this.replaceChannel(res.data);
      this.setState(channel.id, { detailsMessage: 'Storefront saved.' });
    } catch (err) {
      this.setState(channel.id, { detailsProblem: err });
    }
  }

  private async loadChannelSettings(channel: Channel) {
    if (this.state(channel.id).settings !== undefined) return;
    this.setState(channel.id, { settings: null, settingsProblem: null });
    try {
      const res = await api('GET', '/v3/customers/settings/channels/:channel_id', { param: { channel_id: channel.id } });
      this.setState(channel.id, { settings: res.data });
    } catch (err) {
      this.setState(channel.id, { settings: undefined, settingsProblem: err });
    }
  }

  private async handleChannelSettings(e: SubmitEvent, channel: Channel) {
    e.preventDefault();
    const v = formValues(e.target as HTMLFormElement);
    const group = (key: string) => (v[key] === '' || v[key] === undefined ? null : Number(v[key]));
    // Not `allow_global_logins`: the worker keeps it for BigCommerce clients and signs in across channels anyway.
    const body: ChannelSettingsChanges = {
      customer_group_settings: { default_customer_group_id: group('default_customer_group_id') },
      storefront_accounts: {
        email_verification: v.email_verification === 'optional' || v.email_verification === 'required' ? v.email_verification : null,
        newsletter_double_opt_in: fromTri(v.newsletter_double_opt_in),
        passkey_signup: fromTri(v.passkey_signup),
      },
    };
    this.setState(channel.id, { settingsProblem: null, settingsMessage: '' });
    try {
      const res = await api('PUT', '/v3/customers/settings/channels/:channel_id', { param: { channel_id: channel.id }, body });
      this.setState(channel.id, { settings: res.data, settingsMessage: `Settings of ${channel.name} saved.` });
    } catch (err) {
      this.setState(channel.id, { settingsProblem: err });
    }
  }

  private async handleSettings(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    const body: CustomerSettingsChanges = {
      customer_group_settings: {
        default_customer_group_id: Number(v.default_customer_group_id) || 0,
        guest_customer_group_id: Number(v.guest_customer_group_id) || 0,
      },
      storefront_accounts: {
        email_verification: v.email_verification === 'required' ? 'required' : 'optional',
        newsletter_double_opt_in: checked(form, 'newsletter_double_opt_in'),
        passkey_signup: checked(form, 'passkey_signup'),
      },
      privacy_settings: {
        ask_shopper_for_tracking_consent: checked(form, 'ask_shopper_for_tracking_consent'),
        policy_url: v.policy_url ?? '',
      },
    };
    this.savingSettings = true;
    this.settingsProblem = null;
    this.settingsMessage = '';
    try {
      this.settings = (await api('PUT', '/v3/customers/settings', { body })).data;
      this.settingsMessage = 'Customer settings saved. They apply to the next sign-up.';
    } catch (err) {
      this.settingsProblem = err;
      void this.focusLater('#settings-form [aria-invalid="true"], #settings-form .problem');
    } finally {
      this.savingSettings = false;
    }
  }

  private async handleNewChannel(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const v = formValues(form);
    this.newProblem = null;
    this.newMessage = '';
    try {
      const res = await api('POST', '/v3/channels', {
        body: { name: v.name ?? '', platform: 'custom', status: 'active', storefront_origins: v.origin ? [v.origin] : [] },
      });
      this.channels = [...(this.channels ?? []), res.data];
      form.reset();
      this.newMessage = `Storefront “${res.data.name}” added (channel ${res.data.id}).`;
    } catch (err) {
      this.newProblem = err;
      void this.focusLater('#new-channel-form [aria-invalid="true"], #new-channel-form .problem');
    }
  }

  private originsBlock(channel: Channel, s: ChannelState) {
    const errors = s.problem instanceof ApiProblem ? s.problem.fields : {};
    const inputId = `origin-new-${channel.id}`;
    const trusted = TRUSTED.includes(channel.status);
    return html`
      <h4 id="origins-h-${channel.id}">Storefront origins</h4>
      ${
        channel.storefront_origins.length
          ? html`<ul class="origins" aria-labelledby="origins-h-${channel.id}">
            ${channel.storefront_origins.map(
              (origin) => html`<li>
                <code>${origin}</code>
                ${
                  s.removing === origin
                    ? html`<div class="confirm" role="group" aria-label="Confirm removing ${origin}">
                      <p>Remove ${origin}? The widget on that site stops working at once (sign-in, account pages).</p>
                      <button type="button" class="danger" ?disabled=${s.busy} @click=${() => this.handleRemoveOrigin(channel, origin)}>Remove origin</button>
                      <button type="button" class="secondary" @click=${() => this.setState(channel.id, { removing: undefined })}>Keep it</button>
                    </div>`
                    : html`<button
                      type="button"
                      class="secondary"
                      aria-label="Remove ${origin}"
                      @click=${() => {
                        this.setState(channel.id, { removing: origin, problem: null, message: '' });
                        void this.focusLater(`#channel-${channel.id} .origins .confirm button`);
                      }}
                    >
                      Remove
                    </button>`
                }
              </li>`,
            )}
          </ul>`
          : html`<p class="empty-inline">No origins: the widget cannot call the API from any site of this storefront.</p>`
      }
      ${trusted ? nothing : html`<p class="hint">This storefront is ${channel.status}: its origins are not trusted until it is active or pre-launch.</p>`}
      ${s.message ? statusLine(s.message) : nothing}
      <form class="add-origin" @submit=${(e: SubmitEvent) => this.handleAddOrigin(e, channel)} novalidate>
        ${problemBox(s.problem, 'The origins were not changed')}
        <div class="field ${errors.storefront_origins ? 'invalid' : ''}">
          <label for=${inputId}>New storefront origin</label>
          <div class="search-row">
            <input
              id=${inputId}
              name="origin"
              type="url"
              inputmode="url"
              autocomplete="off"
              spellcheck="false"
              placeholder="https://shop.example.com"
              .value=${s.draft ?? ''}
              aria-invalid=${errors.storefront_origins ? 'true' : 'false'}
              aria-describedby="${inputId}-hint${errors.storefront_origins ? ` ${inputId}-error` : ''}"
            />
            <button type="submit" ?disabled=${s.busy}>Add origin</button>
          </div>
          <p class="hint" id="${inputId}-hint">Scheme, host and port exactly as the browser shows them, without a path: https only (http for localhost).</p>
          ${errors.storefront_origins ? html`<p class="error" id="${inputId}-error">${errors.storefront_origins}</p>` : nothing}
        </div>
      </form>
    `;
  }

  private detailsBlock(channel: Channel, s: ChannelState) {
    const errors = s.detailsProblem instanceof ApiProblem ? s.detailsProblem.fields : {};
    return html`<details class="more">
      <summary>Name and status</summary>
      <form @submit=${(e: SubmitEvent) => this.handleChannelDetails(e, channel)} novalidate>
        ${problemBox(s.detailsProblem, 'The storefront was not saved')}
        <div class="grid-2">
          ${textField({ id: `channel-name-${channel.id}`, name: 'name', label: 'Name', value: channel.name, required: true, error: errors.name, maxlength: 100 })}
          <div class="field">
            <label for="channel-status-${channel.id}">Status</label>
            <select id="channel-status-${channel.id}" name="status">
              ${STATUSES.map((st) => html`<option value=${st.value} ?selected=${st.value === channel.status}>${st.label}</option>`)}
            </select>
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="secondary">Save storefront</button>
          ${s.detailsMessage ? statusLine(s.detailsMessage) : nothing}
        </div>
      </form>
    </details>`;
  }

  /** A select whose first option is "the store's setting (…)" (null). */
  private inherit(id: string, name: string, label: string, current: string, storeSays: string, options: { value: string; label: string }[]) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${name}>
        <option value="" ?selected=${current === ''}>Store's setting (${storeSays})</option>
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === current}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  private channelSettingsBlock(channel: Channel, s: ChannelState) {
    const store = this.settings;
    const body = (): TemplateResult | typeof nothing => {
      if (s.settingsProblem && !s.settings) return problemBox(s.settingsProblem, 'Could not load its settings');
      if (s.settings === undefined) return nothing; // loaded when first opened
      if (!s.settings || !store) return loading('Loading its settings…');
      const cs = s.settings;
      const onOff = [
        { value: 'on', label: 'On' },
        { value: 'off', label: 'Off' },
      ];
      const word = (b: boolean) => (b ? 'on' : 'off');
      const storeDefault = this.groups.find((g) => g.id === store.customer_group_settings.default_customer_group_id)?.name ?? 'no group';
      const p = `channel-${channel.id}`;
      return html`<form @submit=${(e: SubmitEvent) => this.handleChannelSettings(e, channel)} novalidate>
        ${problemBox(s.settingsProblem, 'The settings were not saved')}
        <div class="grid-2">
          ${this.inherit(
            `${p}-email-verification`,
            'email_verification',
            'Email verification',
            cs.storefront_accounts.email_verification ?? '',
            store.storefront_accounts.email_verification,
            [
              { value: 'optional', label: 'Optional' },
              { value: 'required', label: 'Required before the first sign-in' },
            ],
          )}
          ${this.inherit(
            `${p}-default-group`,
            'default_customer_group_id',
            'Group for sign-ups here',
            cs.customer_group_settings.default_customer_group_id === null ? '' : String(cs.customer_group_settings.default_customer_group_id),
            storeDefault,
            [{ value: '0', label: 'No group' }, ...this.groups.map((g) => ({ value: String(g.id), label: g.name }))],
          )}
          ${this.inherit(`${p}-double-opt-in`, 'newsletter_double_opt_in', 'Newsletter double opt-in', tri(cs.storefront_accounts.newsletter_double_opt_in), word(store.storefront_accounts.newsletter_double_opt_in), onOff)}
          ${this.inherit(`${p}-passkey-signup`, 'passkey_signup', 'Sign-up with a passkey, without a password', tri(cs.storefront_accounts.passkey_signup), word(store.storefront_accounts.passkey_signup), onOff)}
        </div>
        <div class="actions">
          <button type="submit" class="secondary">Save settings of ${channel.name}</button>
          ${s.settingsMessage ? statusLine(s.settingsMessage) : nothing}
        </div>
      </form>`;
    };
    return html`<details class="more" @toggle=${(e: Event) => (e.target as HTMLDetailsElement).open && void this.loadChannelSettings(channel)}>
      <summary>Customer settings of this storefront</summary>
      <p class="hint">Each one is the store's setting (below) unless this storefront sets its own.</p>
      ${body()}
    </details>`;
  }

  private channelCard(channel: Channel) {
    const s = this.state(channel.id);
    return html`<section class="channel card-inner" id="channel-${channel.id}" aria-labelledby="channel-h-${channel.id}">
      <h3 id="channel-h-${channel.id}">${channel.name}</h3>
      <p class="muted small">
        Channel ${channel.id} · <span class="badge ${TRUSTED.includes(channel.status) ? 'badge-registered' : 'badge-guest'}">${statusLabel(channel.status)}</span>
      </p>
      ${this.originsBlock(channel, s)} ${this.detailsBlock(channel, s)} ${this.channelSettingsBlock(channel, s)}
    </section>`;
  }

  private channelsCard() {
    const errors = this.newProblem instanceof ApiProblem ? this.newProblem.fields : {};
    return html`<section class="card" aria-labelledby="channels-h">
      <h2 id="channels-h">Storefronts and their origins</h2>
      <p class="muted">
        The widget may call the storefront API only from these exact origins, and only while their storefront is active or pre-launch.
        A change applies to this worker's next request and everywhere within 30 seconds.
      </p>
      <div class="channels">${this.channels!.map((c) => this.channelCard(c))}</div>
      <details class="more">
        <summary>Add a storefront</summary>
        ${this.newMessage ? statusLine(this.newMessage) : nothing}
        <form id="new-channel-form" @submit=${this.handleNewChannel} novalidate>
          ${problemBox(this.newProblem, 'The storefront was not added')}
          <div class="grid-2">
            ${textField({ id: 'new-channel-name', name: 'name', label: 'Storefront name', required: true, error: errors.name, maxlength: 100 })}
            ${textField({ id: 'new-channel-origin', name: 'origin', label: 'Its origin', type: 'url', error: errors.storefront_origins, hint: 'Optional; e.g. https://shop.example.com' })}
          </div>
          <div class="actions"><button type="submit">Add storefront</button></div>
        </form>
      </details>
    </section>`;
  }

  private settingsCard() {
    const st = this.settings!;
    const errors = this.settingsProblem instanceof ApiProblem ? this.settingsProblem.fields : {};
    const groupSelect = (id: string, name: 'default_customer_group_id' | 'guest_customer_group_id', label: string, hint: string) => {
      const current = st.customer_group_settings[name];
      return html`<div class="field ${errors[name] ? 'invalid' : ''}">
        <label for=${id}>${label}</label>
        <select id=${id} name=${name} aria-describedby="${id}-hint" aria-invalid=${errors[name] ? 'true' : 'false'}>
          <option value="0" ?selected=${!current}>No group</option>
          ${this.groups.map((g) => html`<option value=${g.id} ?selected=${g.id === current}>${g.name}</option>`)}
        </select>
        <p class="hint" id="${id}-hint">${hint}</p>
        ${errors[name] ? html`<p class="error">${errors[name]}</p>` : nothing}
      </div>`;
    };
    return html`<section class="card" aria-labelledby="customer-settings-h">
      <h2 id="customer-settings-h">Customer settings</h2>
      <form id="settings-form" @submit=${this.handleSettings} novalidate>
        ${problemBox(this.settingsProblem, 'The settings were not saved')}
        <fieldset class="field">
          <legend>Groups</legend>
          <div class="grid-2">
            ${groupSelect('settings-default-group', 'default_customer_group_id', 'Group for new sign-ups', 'Shoppers who create an account join it.')}
            ${groupSelect('settings-guest-group', 'guest_customer_group_id', 'Group for guests', 'What shoppers who are not signed in count as.')}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>Sign-up and email</legend>
          <div class="field">
            <label for="settings-email-verification">Email verification</label>
            <select id="settings-email-verification" name="email_verification" aria-describedby="settings-email-verification-hint">
              <option value="optional" ?selected=${st.storefront_accounts.email_verification === 'optional'}>Optional: shoppers may sign in before confirming</option>
              <option value="required" ?selected=${st.storefront_accounts.email_verification === 'required'}>Required: no sign-in before the emailed code</option>
            </select>
            <p class="hint" id="settings-email-verification-hint">Either way, an address grants nothing (guest orders, newsletter records) until it is proven.</p>
          </div>
          <label class="check"
            ><input type="checkbox" name="newsletter_double_opt_in" .checked=${st.storefront_accounts.newsletter_double_opt_in} /> Newsletter double opt-in: a
            sign-up counts once its emailed link is confirmed</label
          >
          <label class="check"
            ><input type="checkbox" name="passkey_signup" .checked=${st.storefront_accounts.passkey_signup} /> Shoppers may sign up with a passkey, without a
            password</label
          >
        </fieldset>
        <fieldset class="field">
          <legend>Privacy</legend>
          <label class="check"
            ><input type="checkbox" name="ask_shopper_for_tracking_consent" .checked=${st.privacy_settings.ask_shopper_for_tracking_consent} /> Ask shoppers
            for consent to tracking cookies</label
          >
          ${textField({
            id: 'settings-policy-url',
            name: 'policy_url',
            label: 'Privacy policy URL',
            type: 'url',
            value: st.privacy_settings.policy_url,
            error: errors.policy_url,
            hint: 'Where shoppers read the store’s privacy policy; empty for none.',
          })}
        </fieldset>
        <div class="actions">
          <button type="submit" ?disabled=${this.savingSettings}>${this.savingSettings ? 'Saving…' : 'Save customer settings'}</button>
          ${this.settingsMessage ? statusLine(this.settingsMessage) : nothing}
        </div>
      </form>
    </section>`;
  }

  override render() {
    const ready = this.channels && this.settings;
    return html`
      <h1 tabindex="-1">Settings</h1>
      <p class="lead">The store's configuration: where the widget may run, and the rules for customers. Kept in the worker's database, changed through the admin API.</p>
      ${this.problem ? problemBox(this.problem, 'Could not load the settings') : ready ? html`${this.channelsCard()} ${this.settingsCard()}` : loading('Loading the settings…')}
    `;
  }
}

define('settings-view', SettingsView);
