// One object per deployment that holds every API the extension uses, over one transport.
import { ApiKeysApi } from './apiKeys';
import { ApplicationsApi } from './applications';
import { ClientsApi } from './clients';
import { CollaboratorsApi } from './collaborators';
import { DevicesApi } from './devices';
import { EventsApi } from './events';
import { FormattersApi } from './formatters';
import { HttpClient, type HttpOptions } from './http';
import { OrganizationsApi } from './organizations';
import { UsersApi } from './users';

export class TtsClient {
  readonly http: HttpClient;
  readonly users: UsersApi;
  readonly clients: ClientsApi;
  readonly applications: ApplicationsApi;
  /** Application API keys. */
  readonly apiKeys: ApiKeysApi;
  readonly userApiKeys: ApiKeysApi;
  readonly organizationApiKeys: ApiKeysApi;
  readonly organizations: OrganizationsApi;
  readonly collaborators: CollaboratorsApi;
  readonly devices: DevicesApi;
  readonly events: EventsApi;
  readonly formatters: FormattersApi;

  constructor(private readonly options: HttpOptions) {
    this.http = new HttpClient(options);
    this.users = new UsersApi(this.http);
    this.clients = new ClientsApi(this.http);
    this.applications = new ApplicationsApi(this.http);
    this.apiKeys = new ApiKeysApi(this.http);
    this.userApiKeys = new ApiKeysApi(this.http, 'users');
    this.organizationApiKeys = new ApiKeysApi(this.http, 'organizations');
    this.organizations = new OrganizationsApi(this.http);
    this.collaborators = new CollaboratorsApi(this.http);
    this.devices = new DevicesApi(this.http);
    this.events = new EventsApi(this.http);
    this.formatters = new FormattersApi(this.http);
  }

  /** The same credentials against another host of the deployment: live events come from the cluster (§9). */
  at(baseUrl: string): TtsClient {
    return baseUrl === this.options.baseUrl ? this : new TtsClient({ ...this.options, baseUrl });
  }
}
