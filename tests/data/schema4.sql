-- tests/data/schema4.sql: a database of schema 4 (three runs of collect by the
-- program before schema 5 against sim/scenarios/small.json: a baseline,
-- access revoked and a default lowered, then us-west-2 down), as
-- sqlite3 .dump writes it, for the migration test in tests/it_accounts.sh.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE run (
	-- 1, 2, 3, ...: never reused, ascending in the order runs began
	run_id		INTEGER PRIMARY KEY AUTOINCREMENT,
	-- when the collect began, UTC ISO-8601
	started_at	TEXT NOT NULL CHECK (started_at GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ||
	    'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
	-- when it ended, UTC ISO-8601; NULL while running or if interrupted
	finished_at	TEXT CHECK (finished_at GLOB
	    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' ||
	    'T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
	-- running; complete (every region ok); partial (some failed);
	-- failed (none ok, or the run could not start or was interrupted)
	status		TEXT NOT NULL DEFAULT 'running' CHECK (status IN
	    ('running', 'complete', 'partial', 'failed')),
	-- AWS account the credentials belong to (STS); NULL until known
	account_id	TEXT CHECK (length(account_id) BETWEEN 1 AND 64),
	CHECK (status <> 'running' OR finished_at IS NULL)
) STRICT;
INSERT INTO run VALUES(1,'2026-12-04T16:34:42Z','2026-12-04T16:34:42Z','complete','123456789012');
INSERT INTO run VALUES(2,'2026-12-04T16:34:42Z','2026-12-04T16:34:42Z','complete','123456789012');
INSERT INTO run VALUES(3,'2026-12-04T16:34:42Z','2026-12-04T16:34:45Z','partial','123456789012');
CREATE TABLE model_state (
	-- AWS region name
	region			TEXT NOT NULL,
	-- modelId, e.g. "anthropic.claude-3-haiku-20240307-v1:0"
	model_id		TEXT NOT NULL CHECK (model_id <> ''),
	-- modelName, e.g. "Claude 3 Haiku"
	model_name		TEXT NOT NULL,
	-- providerName, e.g. "Anthropic"
	provider		TEXT NOT NULL,
	-- modelLifecycle.status: ACTIVE, LEGACY
	lifecycle_status	TEXT NOT NULL,
	-- inferenceTypesSupported, sorted and ','-joined
	inference_types		TEXT NOT NULL,
	-- authorizationStatus: AUTHORIZED, NOT_AUTHORIZED
	authorization_status	TEXT NOT NULL,
	-- entitlementAvailability: AVAILABLE, NOT_AVAILABLE
	entitlement_availability TEXT NOT NULL,
	-- agreementAvailability.status: AVAILABLE, PENDING, NOT_AVAILABLE, ...
	agreement_status	TEXT NOT NULL,
	-- regionAvailability: AVAILABLE, NOT_AVAILABLE
	region_availability	TEXT NOT NULL,
	-- run where this state was first seen
	since_run		INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run		INTEGER, start_of_life_time TEXT, legacy_time TEXT, public_extended_access_time TEXT, end_of_life_time TEXT, agreement_message TEXT,
	PRIMARY KEY (region, model_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
INSERT INTO model_state VALUES('us-east-1','amazon.nova-pro-v1:0','Nova Pro','Amazon','ACTIVE','ON_DEMAND','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,2,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-east-1','amazon.nova-pro-v1:0','Nova Pro','Amazon','ACTIVE','ON_DEMAND','NOT_AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',2,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-east-1','anthropic.claude-3-5-haiku-20241022-v1:0','Claude 3.5 Haiku','Anthropic','LEGACY','ON_DEMAND','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,'2025-07-01T00:00:00Z',NULL,'2026-06-19T00:00:00Z',NULL);
INSERT INTO model_state VALUES('us-east-1','anthropic.claude-3-haiku-20240307-v1:0','Claude 3 Haiku','Anthropic','ACTIVE','ON_DEMAND','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-east-1','anthropic.claude-3-opus-20240229-v1:0','Claude 3 Opus','Anthropic','ACTIVE','ON_DEMAND','AUTHORIZED','AVAILABLE','AVAILABLE','NOT_AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-east-1','anthropic.claude-opus-4-5-20251101-v1:0','Claude Opus 4.5','Anthropic','ACTIVE','INFERENCE_PROFILE','AUTHORIZED','AVAILABLE','PENDING','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-east-1','anthropic.claude-sonnet-4-5-20250929-v1:0','Claude Sonnet 4.5','Anthropic','ACTIVE','INFERENCE_PROFILE','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-east-1','cohere.embed-english-v3','Embed English','Cohere','ACTIVE','ON_DEMAND','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-west-2','anthropic.claude-3-haiku-20240307-v1:0','Claude 3 Haiku','Anthropic','ACTIVE','ON_DEMAND','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-west-2','anthropic.claude-haiku-4-5-20251001-v1:0','Claude Haiku 4.5','Anthropic','ACTIVE','INFERENCE_PROFILE','AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-west-2','anthropic.claude-opus-4-6-v1','Claude Opus 4.6','Anthropic','ACTIVE','INFERENCE_PROFILE','NOT_AUTHORIZED','AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-west-2','mistral.mistral-large-2407-v1:0','Mistral Large (24.07)','Mistral AI','ACTIVE','ON_DEMAND','AUTHORIZED','NOT_AVAILABLE','AVAILABLE','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO model_state VALUES('us-west-2','moonshot.kimi-k2-thinking','Kimi K2 Thinking','Moonshot AI','ACTIVE','ON_DEMAND','AUTHORIZED','AVAILABLE','ERROR','AVAILABLE',1,NULL,NULL,NULL,NULL,NULL,'The AWS Marketplace subscription for this model failed: aws-marketplace:Subscribe was denied');
CREATE TABLE profile_state (
	-- AWS region name
	region		TEXT NOT NULL,
	-- inferenceProfileId, e.g. "us.anthropic.claude-3-haiku-20240307-v1:0"
	profile_id	TEXT NOT NULL CHECK (profile_id <> ''),
	-- inferenceProfileName
	profile_name	TEXT NOT NULL,
	-- type: SYSTEM_DEFINED, APPLICATION
	profile_type	TEXT NOT NULL,
	-- status: ACTIVE
	status		TEXT NOT NULL,
	-- model IDs it routes to, sorted and ','-joined
	model_ids	TEXT NOT NULL,
	-- regions of those models, sorted and ','-joined
	regions		TEXT NOT NULL,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (region, profile_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
INSERT INTO profile_state VALUES('us-east-1','us.amazon.nova-pro-v1:0','US Amazon Nova Pro','SYSTEM_DEFINED','ACTIVE','amazon.nova-pro-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-east-1','us.anthropic.claude-3-5-haiku-20241022-v1:0','US Anthropic Claude 3.5 Haiku','SYSTEM_DEFINED','ACTIVE','anthropic.claude-3-5-haiku-20241022-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-east-1','us.anthropic.claude-3-haiku-20240307-v1:0','US Anthropic Claude 3 Haiku','SYSTEM_DEFINED','ACTIVE','anthropic.claude-3-haiku-20240307-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-east-1','us.anthropic.claude-3-opus-20240229-v1:0','US Anthropic Claude 3 Opus','SYSTEM_DEFINED','ACTIVE','anthropic.claude-3-opus-20240229-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-east-1','us.anthropic.claude-opus-4-5-20251101-v1:0','US Anthropic Claude Opus 4.5','SYSTEM_DEFINED','ACTIVE','anthropic.claude-opus-4-5-20251101-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-west-2','global.anthropic.claude-haiku-4-5-20251001-v1:0','Global Anthropic Claude Haiku 4.5','SYSTEM_DEFINED','ACTIVE','anthropic.claude-haiku-4-5-20251001-v1:0','ap-northeast-1,ap-southeast-2,eu-central-1,us-east-1,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-west-2','global.anthropic.claude-opus-4-6-v1','Global Anthropic Claude Opus 4.6','SYSTEM_DEFINED','ACTIVE','anthropic.claude-opus-4-6-v1','ap-northeast-1,ap-southeast-2,eu-central-1,us-east-1,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-west-2','us.anthropic.claude-3-haiku-20240307-v1:0','US Anthropic Claude 3 Haiku','SYSTEM_DEFINED','ACTIVE','anthropic.claude-3-haiku-20240307-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-west-2','us.anthropic.claude-haiku-4-5-20251001-v1:0','US Anthropic Claude Haiku 4.5','SYSTEM_DEFINED','ACTIVE','anthropic.claude-haiku-4-5-20251001-v1:0','us-east-1,us-east-2,us-west-2',1,NULL);
INSERT INTO profile_state VALUES('us-west-2','us.anthropic.claude-opus-4-6-v1','US Anthropic Claude Opus 4.6','SYSTEM_DEFINED','ACTIVE','anthropic.claude-opus-4-6-v1','us-east-1,us-east-2,us-west-2',1,NULL);
CREATE TABLE change_kinds (
	-- identifier used in changes.kind and in JSON reports
	kind		TEXT PRIMARY KEY,
	-- what it means
	description	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_kinds VALUES('access_granted','authorizationStatus became AUTHORIZED');
INSERT INTO change_kinds VALUES('access_lost','authorizationStatus is no longer AUTHORIZED');
INSERT INTO change_kinds VALUES('agreement_changed','agreementAvailability.status changed');
INSERT INTO change_kinds VALUES('entitlement_changed','entitlementAvailability changed');
INSERT INTO change_kinds VALUES('model_added','a model is now offered in the region');
INSERT INTO change_kinds VALUES('model_inference_types_changed','inferenceTypesSupported changed');
INSERT INTO change_kinds VALUES('model_lifecycle_changed','modelLifecycle.status changed');
INSERT INTO change_kinds VALUES('model_lifecycle_date_changed','a modelLifecycle date moved (set on both sides, different)');
INSERT INTO change_kinds VALUES('model_removed','a model is no longer offered in the region');
INSERT INTO change_kinds VALUES('profile_added','an inference profile appeared');
INSERT INTO change_kinds VALUES('profile_removed','an inference profile disappeared');
INSERT INTO change_kinds VALUES('quota_added','a quota appeared');
INSERT INTO change_kinds VALUES('quota_adjustable_changed','the quota became (non-)adjustable');
INSERT INTO change_kinds VALUES('quota_default_changed','the AWS default value changed');
INSERT INTO change_kinds VALUES('quota_removed','a quota disappeared');
INSERT INTO change_kinds VALUES('quota_request_created','a quota increase request appeared');
INSERT INTO change_kinds VALUES('quota_request_status_changed','a quota increase request moved');
INSERT INTO change_kinds VALUES('quota_value_changed','the applied value changed');
INSERT INTO change_kinds VALUES('region_availability_changed','regionAvailability changed');
CREATE TABLE change_paths (
	-- identifier used in changes.path: "info", "P1" .. "P6"
	path		TEXT PRIMARY KEY,
	-- what to do
	description	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_paths VALUES('P1','enable model access in this region');
INSERT INTO change_paths VALUES('P2','model not offered here: other region or inference profile');
INSERT INTO change_paths VALUES('P3','access cannot be enabled: allowlisting support case');
INSERT INTO change_paths VALUES('P4','request a quota increase in Service Quotas');
INSERT INTO change_paths VALUES('P5','throttled below quota: cross-region inference, then a case');
INSERT INTO change_paths VALUES('P6','quota not adjustable: support case');
INSERT INTO change_paths VALUES('info','informational: no troubleshooting path applies');
CREATE TABLE change_severities (
	-- identifier used in changes.severity
	severity	TEXT PRIMARY KEY,
	-- 0 info, 1 warning, 2 action: ORDER BY rank DESC for the worst first
	rank		INTEGER NOT NULL UNIQUE,
	-- what it means
	description	TEXT NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO change_severities VALUES('action',2,'someone has to act');
INSERT INTO change_severities VALUES('info',0,'for the record');
INSERT INTO change_severities VALUES('warning',1,'may need attention');
CREATE TABLE change_log (
	-- 1, 2, 3, ...: in the order the changes were recorded
	change_id	INTEGER PRIMARY KEY,
	-- run whose collection found the change
	run_id		INTEGER NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- run where the new state was first seen
	first_run	INTEGER NOT NULL REFERENCES run(run_id),
	-- what changed: change_kinds.kind
	kind		TEXT NOT NULL REFERENCES change_kinds(kind),
	-- model ID, quota code, profile ID or request ID
	subject		TEXT NOT NULL CHECK (subject <> ''),
	-- readable name of the subject; '' if none
	subject_name	TEXT NOT NULL,
	-- value before, as text; '' where the subject did not exist
	old_value	TEXT NOT NULL,
	-- value after, as text; '' where the subject no longer exists
	new_value	TEXT NOT NULL,
	-- quotas: applied value before; '' when not set or not a quota
	old_applied	TEXT NOT NULL,
	-- quotas: applied value after; '' when not set or not a quota
	new_applied	TEXT NOT NULL,
	-- quotas: default value now; '' if unknown or not a quota
	new_default	TEXT NOT NULL,
	-- default changes: 1 if the applied value moved with the default
	applied_followed INTEGER NOT NULL CHECK (applied_followed IN (0, 1)),
	-- quotas: 1 adjustable now, 0 not; NULL when not a quota
	adjustable	INTEGER CHECK (adjustable IN (0, 1)),
	-- models: entitlementAvailability now; '' otherwise
	entitlement	TEXT NOT NULL,
	-- quota requests: the quota's code; '' otherwise
	quota_code	TEXT NOT NULL,
	-- quota requests: the value asked for; '' otherwise
	desired_value	TEXT NOT NULL,
	-- troubleshooting path: change_paths.path
	path		TEXT NOT NULL REFERENCES change_paths(path),
	-- how urgent: change_severities.severity
	severity	TEXT NOT NULL REFERENCES change_severities(severity),
	-- regions still offering the model, ','-joined; '' if none or n/a
	alt_regions	TEXT NOT NULL,
	-- inference profiles including the model, ','-joined; '' if none
	alt_profiles	TEXT NOT NULL, field TEXT NOT NULL DEFAULT '', applied_unknown INTEGER NOT NULL
    DEFAULT 0 CHECK (applied_unknown IN (0, 1)), applied_at_level TEXT NOT NULL
    DEFAULT '', context_scope TEXT NOT NULL DEFAULT '', context_id TEXT NOT NULL DEFAULT '',
	FOREIGN KEY (run_id, region) REFERENCES region_run(run_id, region)
) STRICT;
INSERT INTO change_log VALUES(1,2,'us-west-2',2,'quota_default_changed','L-01447289','On-demand model inference tokens per minute for Mistral AI Mistral Large (24.02)','400000','200000','400000','200000','200000',1,0,'','','','P6','action','','','',0,'ACCOUNT','','');
INSERT INTO change_log VALUES(2,2,'us-east-1',2,'access_lost','amazon.nova-pro-v1:0','Nova Pro','AUTHORIZED','NOT_AUTHORIZED','','','',0,NULL,'AVAILABLE','','','P1','action','','','',0,'','','');
INSERT INTO change_log VALUES(3,2,'us-east-1',2,'quota_default_changed','L-01447289','On-demand model inference tokens per minute for Mistral AI Mistral Large (24.02)','400000','200000','400000','200000','200000',1,0,'','','','P6','action','','','',0,'ACCOUNT','','');
CREATE TABLE region_digest (
	-- AWS region name
	region		TEXT PRIMARY KEY
	    CHECK (length(region) BETWEEN 1 AND 64),
	-- SHA-256, lowercase hex, of the region's current state rows in key
	-- order (store_state.c state_digest(): every stored column)
	digest		TEXT NOT NULL CHECK (length(digest) = 64
	    AND digest NOT GLOB '*[^0-9a-f]*'),
	-- the run whose collection wrote that state
	run_id		INTEGER NOT NULL REFERENCES run(run_id)
) STRICT, WITHOUT ROWID;
INSERT INTO region_digest VALUES('us-east-1','46091a73718a33db19ab3e4c6c26ddad04ae21954206bf9c25a73c90e7b60997',2);
INSERT INTO region_digest VALUES('us-west-2','5ea15a55a9140aea6fec64cb10d7f718c54059c71febe36739fdcfd3df3ad495',2);
CREATE TABLE IF NOT EXISTS "quota_state" (
	-- AWS region name
	region		TEXT NOT NULL,
	-- QuotaCode, e.g. "L-2DC80978"; names change, codes do not
	quota_code	TEXT NOT NULL CHECK (quota_code <> ''),
	-- QuotaAppliedAtLevel: ACCOUNT, RESOURCE, ALL; "ACCOUNT" (the API's
	-- default) when absent, and for every row of older versions
	applied_at_level TEXT NOT NULL,
	-- QuotaContext.ContextScope: RESOURCE, ACCOUNT; '' if no context
	context_scope	TEXT NOT NULL,
	-- QuotaContext.ContextId: a resource ARN or "*"; '' if no context
	context_id	TEXT NOT NULL,
	-- QuotaName as AWS reports it now
	quota_name	TEXT NOT NULL,
	-- applied Value; NULL when ListServiceQuotas reports none (see
	-- error_code: with an ErrorReason the value is unknown, not unset)
	applied_value	REAL CHECK (applied_value >= 0),
	-- AWS default Value; NULL when ListAWSDefaultServiceQuotas has none
	default_value	REAL CHECK (default_value >= 0),
	-- Unit: "None", "Count", ...; '' if absent
	unit		TEXT NOT NULL,
	-- Adjustable: 1 an increase can be requested, 0 not
	adjustable	INTEGER NOT NULL CHECK (adjustable IN (0, 1)),
	-- GlobalQuota: 1 if the quota is account-wide, not per region
	global_quota	INTEGER NOT NULL CHECK (global_quota IN (0, 1)),
	-- Period.PeriodValue, e.g. 1; NULL if absent
	period_value	INTEGER,
	-- Period.PeriodUnit: SECOND, MINUTE, DAY, ...; NULL if absent
	period_unit	TEXT,
	-- ErrorReason.ErrorCode of ListServiceQuotas, e.g.
	-- DEPENDENCY_ACCESS_DENIED_ERROR; NULL if none
	error_code	TEXT,
	-- ErrorReason.ErrorMessage as sent; NULL if none
	error_message	TEXT,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (region, quota_code, applied_at_level, context_scope,
	    context_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
INSERT INTO quota_state VALUES('us-east-1','L-01447289','ACCOUNT','','','On-demand model inference tokens per minute for Mistral AI Mistral Large (24.02)',400000.0,400000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,2);
INSERT INTO quota_state VALUES('us-east-1','L-01447289','ACCOUNT','','','On-demand model inference tokens per minute for Mistral AI Mistral Large (24.02)',200000.0,200000.0,'None',0,0,1,'MINUTE',NULL,NULL,2,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-01F3CD81','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Content filter policy text units per second',200.0,200.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-02D831F1','ACCOUNT','','','On-demand model inference tokens per minute for Mistral AI Mistral 7B Instruct',400000.0,400000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-03579AC2','ACCOUNT','','','On-demand model inference tokens per minute for Moonshot AI Kimi K2 Thinking',400000.0,400000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-086556D1','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail contextual grounding policy text units per second',106.0,106.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-124DCF3D','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Denied topic policy text units per second',50.0,50.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-254CACF4','ACCOUNT','','','On-demand model inference requests per minute for Anthropic Claude 3.5 Sonnet',50.0,50.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-259C746F','ACCOUNT','','','Model units per provisioned model for Anthropic Claude 3.5 Sonnet 18K',NULL,0.0,'None',1,0,NULL,NULL,NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-43CD2FD9','ACCOUNT','','','Model units per provisioned model for Anthropic Claude 3.5 Haiku 64K',NULL,0.0,'None',1,0,NULL,NULL,NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-4A6BFAB1','ACCOUNT','','','Cross-region model inference requests per minute for Anthropic Claude Sonnet 4.5 V1',4.0,10000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-4BF37C17','ACCOUNT','','','Cross-Region InvokeModel tokens per minute for Anthropic Claude 3.5 Haiku',4000000.0,4000000.0,'None',1,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-9072D6F0','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail requests per second',50.0,50.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-97D79C54','ACCOUNT','','','Agents per account',200.0,200.0,'None',1,0,NULL,NULL,NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-9F4DB459','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Word filter policy text units per second',200.0,200.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-CFCAAB0E','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Sensitive information filter policy text units per second',200.0,200.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-DCADBC78','ACCOUNT','','','Cross-region model inference tokens per minute for Anthropic Claude 3 Haiku',8000000.0,4000000.0,'None',1,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-east-1','L-F4DDD3EB','ACCOUNT','','','Cross-region model inference tokens per minute for Anthropic Claude Sonnet 4.5 V1',4000.0,5000000.0,'None',1,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-01447289','ACCOUNT','','','On-demand model inference tokens per minute for Mistral AI Mistral Large (24.02)',400000.0,400000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,2);
INSERT INTO quota_state VALUES('us-west-2','L-01447289','ACCOUNT','','','On-demand model inference tokens per minute for Mistral AI Mistral Large (24.02)',200000.0,200000.0,'None',0,0,1,'MINUTE',NULL,NULL,2,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-01F37E14','ACCOUNT','','','Model units per provisioned model for Cohere Command Light',NULL,0.0,'None',1,0,NULL,NULL,NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-01F3CD81','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Content filter policy text units per second',200.0,200.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-02D831F1','ACCOUNT','','','On-demand model inference tokens per minute for Mistral AI Mistral 7B Instruct',400000.0,400000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-03579AC2','ACCOUNT','','','On-demand model inference tokens per minute for Moonshot AI Kimi K2 Thinking',400000.0,400000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-086556D1','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail contextual grounding policy text units per second',106.0,106.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-1074C53D','ACCOUNT','','','Model units per provisioned model for Amazon Titan Text Embeddings V2',NULL,0.0,'None',1,0,NULL,NULL,NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-124DCF3D','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Denied topic policy text units per second',50.0,50.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-58BE175A','ACCOUNT','','','Cross-region model inference tokens per minute for Anthropic Claude Haiku 4.5',0.0,5000000.0,'None',1,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-9072D6F0','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail requests per second',50.0,50.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-9F4DB459','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Word filter policy text units per second',200.0,200.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-CCA5DF70','ACCOUNT','','','Cross-region model inference requests per minute for Anthropic Claude Haiku 4.5',0.0,10000.0,'None',0,0,1,'MINUTE',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-CFCAAB0E','ACCOUNT','','','(Guardrails) On-demand ApplyGuardrail Sensitive information filter policy text units per second',200.0,200.0,'None',1,0,1,'SECOND',NULL,NULL,1,NULL);
INSERT INTO quota_state VALUES('us-west-2','L-FF8B4E28','ACCOUNT','','','Cross-Region model inference tokens per minute for Anthropic Claude 3.5 Sonnet V2',4000000.0,4000000.0,'None',1,0,1,'MINUTE',NULL,NULL,1,NULL);
CREATE TABLE IF NOT EXISTS "quota_request_state" (
	-- AWS region name
	region		TEXT NOT NULL,
	-- Id of the request
	request_id	TEXT NOT NULL CHECK (request_id <> ''),
	-- QuotaCode the request is for
	quota_code	TEXT NOT NULL,
	-- QuotaName
	quota_name	TEXT NOT NULL,
	-- DesiredValue; NULL if absent (optional in the API)
	desired_value	REAL CHECK (desired_value >= 0),
	-- Status: PENDING, CASE_OPENED, APPROVED, DENIED, ...
	status		TEXT NOT NULL,
	-- CaseId of the support case; '' if none
	case_id		TEXT NOT NULL,
	-- Created, UTC ISO-8601; '' if absent
	created		TEXT NOT NULL,
	-- LastUpdated, UTC ISO-8601; '' if absent
	last_updated	TEXT NOT NULL,
	-- RequestType: AutomaticManagement; NULL if absent (made by a user)
	request_type	TEXT,
	-- QuotaRequestedAtLevel: ACCOUNT, RESOURCE, ALL; NULL if absent
	requested_at_level TEXT,
	-- Requester as sent (an identity); NULL if absent
	requester	TEXT,
	-- run where this state was first seen
	since_run	INTEGER NOT NULL,
	-- run where it stopped being true; NULL while current
	until_run	INTEGER,
	PRIMARY KEY (region, request_id, since_run),
	FOREIGN KEY (since_run, region) REFERENCES region_run(run_id, region),
	FOREIGN KEY (until_run, region) REFERENCES region_run(run_id, region),
	CHECK (until_run > since_run)
) STRICT, WITHOUT ROWID;
INSERT INTO quota_request_state VALUES('us-east-1','0056c9dd1fe2a4fd6780d36c6af86315XiErCctF','L-DCADBC78','Cross-region model inference tokens per minute for Anthropic Claude 3 Haiku',8000000.0,'APPROVED','1005687773','2025-10-17T13:02:03Z','2025-10-20T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-east-1','08304c9199bdd76b77cb610bc2205ad8KYgMfEhC','L-4BF37C17','Cross-Region InvokeModel tokens per minute for Anthropic Claude 3.5 Haiku',8000000.0,'CASE_OPENED','1137383057','2025-11-21T13:02:03Z','2025-11-24T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-east-1','5ddc504548a1361627a21ba68834fad0EmYgoHA8','L-254CACF4','On-demand model inference requests per minute for Anthropic Claude 3.5 Sonnet',500.0,'DENIED','2574719557','2025-10-28T13:02:03Z','2025-10-31T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-east-1','6d98149ea9a1639aa2c0a50c1d58373bJo8grrjX','L-4A6BFAB1','Cross-region model inference requests per minute for Anthropic Claude Sonnet 4.5 V1',1000.0,'NOT_APPROVED','2838683294','2025-11-15T13:02:03Z','2025-11-18T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-east-1','a5f915d4e7dbddd291836e01a77acc38E6MyACEc','L-9072D6F0','(Guardrails) On-demand ApplyGuardrail requests per second',100.0,'CASE_CLOSED','3784564692','2025-09-13T13:02:03Z','2025-09-16T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-east-1','e13becb44ee9358ff41d6b75a88df873nk8dUiTk','L-97D79C54','Agents per account',400.0,'PENDING','','2025-11-26T13:02:03Z','2025-11-26T13:02:03Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-east-1','fcc5c50d00be9c9086016d4fa084ffdfDo9WbNp4','L-F4DDD3EB','Cross-region model inference tokens per minute for Anthropic Claude Sonnet 4.5 V1',1000000.0,'PENDING','','2025-11-25T13:02:03Z','2025-11-25T13:02:03Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-west-2','65cdb348fc7c77f527a5395eea29f403di6iagcf','L-58BE175A','Cross-region model inference tokens per minute for Anthropic Claude Haiku 4.5',2000000.0,'CASE_OPENED','2707979592','2025-11-24T13:02:03Z','2025-11-27T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
INSERT INTO quota_request_state VALUES('us-west-2','bf36fe8960c5a03d6dcd396ec43638ea2yFr7iwS','L-FF8B4E28','Cross-Region model inference tokens per minute for Anthropic Claude 3.5 Sonnet V2',6000000.0,'APPROVED','4208052361','2025-09-28T13:02:03Z','2025-10-01T13:03:04Z',NULL,'ACCOUNT','{"accountId":"123456789012","callerArn":"arn:aws:iam::123456789012:user/bedrock-audit"}',1,NULL);
CREATE TABLE IF NOT EXISTS "region_run" (
	-- the run
	run_id		INTEGER NOT NULL REFERENCES run(run_id),
	-- AWS region name, e.g. "us-east-1"
	region		TEXT NOT NULL CHECK (length(region) BETWEEN 1 AND 64
	    AND region NOT GLOB '*[^a-z0-9-]*'),
	-- ok: the region's state was recorded; partial: recorded, but some
	-- calls failed and what they cover is unknown (region_run_unknown);
	-- failed: no call answered, nothing recorded; not_enabled: an
	-- opt-in region the account has not enabled, nothing recorded
	status		TEXT NOT NULL CHECK (status IN ('ok', 'partial',
	    'failed', 'not_enabled')),
	-- not ok: the AWS operation of the most telling failed call
	-- (region_run_failure holds them all)
	operation	TEXT,
	-- not ok: its HTTP status; NULL if there was no reply
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	-- not ok: its AWS error code ("AccessDeniedException") or ours;
	-- NULL when the reply had none (the HTTP status says it all)
	error_code	TEXT,
	-- not ok: its error message
	error_message	TEXT,
	-- partial: how many things are unknown in this run (the rows of
	-- region_run_unknown: a model whose access is unknown, or a whole
	-- list); 0 otherwise
	unknown_count	INTEGER NOT NULL DEFAULT 0 CHECK (unknown_count >= 0),
	PRIMARY KEY (run_id, region),
	CHECK (status <> 'ok' OR (operation IS NULL AND http_status IS NULL
	    AND error_code IS NULL AND error_message IS NULL
	    AND unknown_count = 0))
) STRICT, WITHOUT ROWID;
INSERT INTO region_run VALUES(1,'us-east-1','ok',NULL,NULL,NULL,NULL,0);
INSERT INTO region_run VALUES(1,'us-west-2','ok',NULL,NULL,NULL,NULL,0);
INSERT INTO region_run VALUES(2,'us-east-1','ok',NULL,NULL,NULL,NULL,0);
INSERT INTO region_run VALUES(2,'us-west-2','ok',NULL,NULL,NULL,NULL,0);
INSERT INTO region_run VALUES(3,'us-east-1','ok',NULL,NULL,NULL,NULL,0);
INSERT INTO region_run VALUES(3,'us-west-2','failed','ListFoundationModels',NULL,'ConnectionReset','Recv failure: Connection reset by peer',0);
CREATE TABLE region_run_failure (
	-- the run
	run_id		INTEGER NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- 0 for the most telling failure (the one region_run names), 1, ...
	-- (before the other columns: SQLite 3.40's integrity_check misreads
	-- a WITHOUT ROWID table whose key columns do not come first)
	rank		INTEGER NOT NULL CHECK (rank >= 0),
	-- the AWS operation ("GetFoundationModelAvailability"), or "store"
	operation	TEXT NOT NULL,
	-- HTTP status of the failing replies; NULL if there was no reply
	http_status	INTEGER CHECK (http_status BETWEEN 100 AND 599),
	-- AWS error code or ours; NULL when the replies had none
	error_code	TEXT,
	-- the first such call's error message; '' if none
	error_message	TEXT NOT NULL,
	-- how many calls failed this way
	count		INTEGER NOT NULL CHECK (count >= 1),
	PRIMARY KEY (run_id, region, rank),
	FOREIGN KEY (run_id, region) REFERENCES region_run(run_id, region)
) STRICT, WITHOUT ROWID;
INSERT INTO region_run_failure VALUES(3,'us-west-2',0,'ListFoundationModels',NULL,'ConnectionReset','Recv failure: Connection reset by peer',1);
INSERT INTO region_run_failure VALUES(3,'us-west-2',1,'ListRequestedServiceQuotaChangeHistory',NULL,'ConnectionReset','Recv failure: Connection reset by peer',1);
INSERT INTO region_run_failure VALUES(3,'us-west-2',2,'ListServiceQuotas',NULL,'ConnectionReset','Recv failure: Connection reset by peer',1);
INSERT INTO region_run_failure VALUES(3,'us-west-2',3,'ListAWSDefaultServiceQuotas',NULL,'ConnectionReset','Recv failure: Connection reset by peer',1);
INSERT INTO region_run_failure VALUES(3,'us-west-2',4,'ListInferenceProfiles',NULL,'ConnectionReset','Recv failure: Connection reset by peer',1);
CREATE TABLE region_run_unknown (
	-- the run
	run_id		INTEGER NOT NULL,
	-- AWS region name
	region		TEXT NOT NULL,
	-- models, model_access, quotas, profiles, requests (status.c)
	part		TEXT NOT NULL CHECK (part IN ('models', 'model_access',
	    'quotas', 'profiles', 'requests')),
	-- model_access: the model ID; '' for a whole part
	subject		TEXT NOT NULL CHECK ((part = 'model_access') =
	    (subject <> '')),
	PRIMARY KEY (run_id, region, part, subject),
	FOREIGN KEY (run_id, region) REFERENCES region_run(run_id, region)
) STRICT, WITHOUT ROWID;
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('run',3);
CREATE UNIQUE INDEX model_state_open ON model_state(region, model_id)
    WHERE until_run IS NULL;
CREATE UNIQUE INDEX profile_state_open ON profile_state(region, profile_id)
    WHERE until_run IS NULL;
CREATE INDEX change_log_run ON change_log(run_id);
CREATE VIEW profiles_history AS
SELECT
	p.region,
	p.profile_id,
	p.profile_name,
	p.profile_type,
	p.status,
	p.model_ids,
	p.regions,
	p.since_run,
	p.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM profile_state p
JOIN run s ON s.run_id = p.since_run
LEFT JOIN run u ON u.run_id = p.until_run;
CREATE UNIQUE INDEX quota_state_open ON quota_state(region, quota_code,
    applied_at_level, context_scope, context_id) WHERE until_run IS NULL;
CREATE UNIQUE INDEX quota_request_state_open
    ON quota_request_state(region, request_id) WHERE until_run IS NULL;
CREATE VIEW models_history AS
SELECT
	m.region,
	m.model_id,
	m.model_name,
	m.provider,
	m.lifecycle_status,
	m.inference_types,
	m.authorization_status,
	m.entitlement_availability,
	m.agreement_status,
	m.region_availability,
	m.start_of_life_time,
	m.legacy_time,
	m.public_extended_access_time,
	m.end_of_life_time,
	m.agreement_message,
	m.since_run,
	m.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM model_state m
JOIN run s ON s.run_id = m.since_run
LEFT JOIN run u ON u.run_id = m.until_run;
CREATE VIEW quotas_history AS
SELECT
	q.region,
	q.quota_code,
	q.applied_at_level,
	q.context_scope,
	q.context_id,
	q.quota_name,
	q.applied_value,
	q.default_value,
	q.unit,
	q.adjustable,
	q.global_quota,
	q.period_value,
	q.period_unit,
	q.error_code,
	q.error_message,
	q.since_run,
	q.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM quota_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;
CREATE VIEW quota_requests_history AS
SELECT
	q.region,
	q.request_id,
	q.quota_code,
	q.quota_name,
	q.desired_value,
	q.status,
	q.case_id,
	q.created,
	q.last_updated,
	q.request_type,
	q.requested_at_level,
	q.requester,
	q.since_run,
	q.until_run,
	s.started_at AS since_at,
	u.started_at AS until_at
FROM quota_request_state q
JOIN run s ON s.run_id = q.since_run
LEFT JOIN run u ON u.run_id = q.until_run;
CREATE VIEW changes AS
SELECT
	c.change_id,
	c.run_id,
	d.started_at AS detected_at,
	c.region,
	c.kind,
	c.subject,
	c.subject_name,
	c.old_value,
	c.new_value,
	c.path,
	c.severity,
	c.first_run,
	f.started_at AS first_seen,
	c.old_applied,
	c.new_applied,
	c.new_default,
	c.applied_followed,
	c.adjustable,
	c.entitlement,
	c.quota_code,
	c.alt_regions,
	c.alt_profiles,
	c.desired_value,
	c.field,
	c.applied_unknown,
	c.applied_at_level,
	c.context_scope,
	c.context_id
FROM change_log c
JOIN run d ON d.run_id = c.run_id
JOIN run f ON f.run_id = c.first_run;
CREATE VIEW runs AS
SELECT
	r.run_id,
	r.started_at,
	r.finished_at,
	r.status,
	r.account_id,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'ok') AS regions_ok,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'failed') AS regions_failed,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'partial')
	    AS regions_partial,
	(SELECT count(*) FROM region_run g
	    WHERE g.run_id = r.run_id AND g.status = 'not_enabled')
	    AS regions_not_enabled
FROM run r;
CREATE VIEW region_runs AS
SELECT
	g.run_id,
	g.region,
	g.status,
	g.operation,
	g.http_status,
	g.error_code,
	g.error_message,
	r.started_at,
	g.unknown_count,
	(SELECT coalesce(sum(f.count), 0) FROM region_run_failure f
	    WHERE f.run_id = g.run_id AND f.region = g.region)
	    AS failed_calls
FROM region_run g JOIN run r ON r.run_id = g.run_id;
CREATE VIEW region_run_failures AS
SELECT
	f.run_id,
	f.region,
	f.operation,
	f.http_status,
	f.error_code,
	f.error_message,
	f.count,
	f.rank
FROM region_run_failure f;
CREATE VIEW regions_now AS
SELECT
	a.region,
	a.last_run,
	(SELECT g.status FROM region_run g
	    WHERE g.run_id = a.last_run AND g.region = a.region) AS last_status,
	a.last_ok_run,
	(SELECT r.started_at FROM run r
	    WHERE r.run_id = a.last_ok_run) AS last_ok_at
FROM (SELECT region, max(run_id) AS last_run,
	max(run_id) FILTER (WHERE status IN ('ok', 'partial')) AS last_ok_run
    FROM region_run GROUP BY region) a;
CREATE VIEW region_parts_known AS
SELECT g.run_id, g.region, p.part
FROM region_run g, (SELECT 'models' AS part UNION ALL SELECT 'quotas'
    UNION ALL SELECT 'profiles' UNION ALL SELECT 'requests') p
WHERE g.status = 'ok' OR (g.status = 'partial'
    AND NOT EXISTS (SELECT 1 FROM region_run_unknown u
    WHERE u.run_id = g.run_id AND u.region = g.region
    AND u.part = p.part));
CREATE VIEW models_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
FROM (SELECT
		m.region,
		m.model_id,
		m.model_name,
		m.provider,
		m.lifecycle_status,
		m.inference_types,
		m.authorization_status,
		m.entitlement_availability,
		m.agreement_status,
		m.region_availability,
		m.start_of_life_time,
		m.legacy_time,
		m.public_extended_access_time,
		m.end_of_life_time,
		m.agreement_message,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM model_state h
		    WHERE h.region = m.region AND h.model_id = m.model_id))
		    AS first_seen,
		s.started_at AS last_changed,
		m.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = m.region AND k.part = 'models'
		    AND k.run_id >= m.since_run
		    AND NOT EXISTS (SELECT 1 FROM region_run_unknown u
		    WHERE u.run_id = k.run_id AND u.region = k.region
		    AND u.part = 'model_access' AND u.subject = m.model_id))
		    AS confirmed_run
	FROM model_state m JOIN run s ON s.run_id = m.since_run
	WHERE m.until_run IS NULL) x;
CREATE VIEW quotas_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
FROM (SELECT
		q.region,
		q.quota_code,
		q.applied_at_level,
		q.context_scope,
		q.context_id,
		q.quota_name,
		q.applied_value,
		q.default_value,
		q.unit,
		q.adjustable,
		q.global_quota,
		q.period_value,
		q.period_unit,
		q.error_code,
		q.error_message,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM quota_state h
		    WHERE h.region = q.region AND h.quota_code = q.quota_code
		    AND h.applied_at_level = q.applied_at_level
		    AND h.context_scope = q.context_scope
		    AND h.context_id = q.context_id))
		    AS first_seen,
		s.started_at AS last_changed,
		q.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = q.region AND k.part = 'quotas'
		    AND k.run_id >= q.since_run)
		    AS confirmed_run
	FROM quota_state q JOIN run s ON s.run_id = q.since_run
	WHERE q.until_run IS NULL) x;
CREATE VIEW profiles_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
FROM (SELECT
		p.region,
		p.profile_id,
		p.profile_name,
		p.profile_type,
		p.status,
		p.model_ids,
		p.regions,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM profile_state h
		    WHERE h.region = p.region AND h.profile_id = p.profile_id))
		    AS first_seen,
		s.started_at AS last_changed,
		p.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = p.region AND k.part = 'profiles'
		    AND k.run_id >= p.since_run)
		    AS confirmed_run
	FROM profile_state p JOIN run s ON s.run_id = p.since_run
	WHERE p.until_run IS NULL) x;
CREATE VIEW quota_requests_now AS
SELECT
	x.*,
	coalesce(x.confirmed_run = (SELECT max(g.run_id) FROM region_run g
	    WHERE g.region = x.region), 0) AS confirmed
FROM (SELECT
		q.region,
		q.request_id,
		q.quota_code,
		q.quota_name,
		q.desired_value,
		q.status,
		q.case_id,
		q.created,
		q.last_updated,
		q.request_type,
		q.requested_at_level,
		q.requester,
		(SELECT f.started_at FROM run f WHERE f.run_id =
		    (SELECT min(h.since_run) FROM quota_request_state h
		    WHERE h.region = q.region AND h.request_id = q.request_id))
		    AS first_seen,
		s.started_at AS last_changed,
		q.since_run,
		(SELECT max(k.run_id) FROM region_parts_known k
		    WHERE k.region = q.region AND k.part = 'requests'
		    AND k.run_id >= q.since_run)
		    AS confirmed_run
	FROM quota_request_state q JOIN run s ON s.run_id = q.since_run
	WHERE q.until_run IS NULL) x;
COMMIT;
PRAGMA application_id = 1113866613;
PRAGMA user_version = 4;
