/*
 * i18n.c: the message catalogue and its template expander.  See i18n.h.
 *
 * Each language's text was written for that language: console labels in
 * Japanese are the ones the Japanese AWS console shows, where known, and
 * otherwise the English label.  A test checks that both languages use the
 * same placeholders for every message.
 */
#include <stddef.h>
#include <string.h>

#include "i18n.h"

static const char *const catalogue[I18N__COUNT][I18N_LANG__COUNT] = {
	[I18N_TITLE_REPORT] = {
		"Bedrock audit: change report",
		"Bedrock 監査: 変更レポート" },
	[I18N_TITLE_STATUS] = {
		"Bedrock audit: current state",
		"Bedrock 監査: 現在の状態" },
	[I18N_TITLE_CASE] = {
		"Support case draft",
		"サポートケースの下書き" },
	[I18N_ACCOUNT] = {
		"Account: {1}",
		"アカウント: {1}" },
	[I18N_RUNS] = {
		"Compared: run #{1} ({2}) -> run #{3} ({4})",
		"比較: 実行 #{1}（{2}）→ 実行 #{3}（{4}）" },
	[I18N_STATUS_NEWER_FAILED] = {
		"The newest run, #{1} ({2}), failed and collected nothing: "
		"this state may be out of date (bedrock-audit report says "
		"why).",
		"最新の実行 #{1}（{2}）は失敗し、何も収集していません。この状"
		"態は古い可能性があります（理由は bedrock-audit report で確認"
		"できます）。" },
	[I18N_STATUS_RUN] = {
		"As of run #{1} ({2})",
		"実行 #{1}（{2}）の時点" },
	[I18N_BACKGROUND] = {
		"Model access and quotas are set per account and per "
		"region, and the models on offer differ from region to "
		"region. AWS keeps adjusting default quota values, so what "
		"this account may use can change without anyone here doing "
		"anything; this report shows such changes as seen through "
		"the AWS APIs.",
		"モデルアクセスとクォータはアカウントごと、"
		"リージョンごとに設定され、提供されるモデルもリージョンによ"
		"って異なります。AWS はデフォルトのクォータ値を継続的に見直"
		"しているため、こちらで何も操作していなくても、"
		"このアカウントで使える範囲が変わることがあります。"
		"このレポートは、そうした変化を AWS の API "
		"から検出したものです。" },
	[I18N_UNKNOWN] = {
		"unknown",
		"不明" },
	[I18N_NONE] = {
		"(none)",
		"なし" },
	[I18N_NAME_ID] = {
		"{1} ({2})",
		"{1}（{2}）" },
	[I18N_YES] = {
		"yes",
		"可能" },
	[I18N_NO] = {
		"no",
		"不可" },
	[I18N_H_SUMMARY] = {
		"Summary",
		"概要" },
	[I18N_NO_CHANGES] = {
		"No changes: every compared region shows the same state in "
		"run #{1} and run #{2}.",
		"変更はありません。比較したすべてのリージョンで、実行 #{1} "
		"と実行 #{2} の状態は同じです。" },
	[I18N_COUNTS] = {
		"Changes: {1} (action: {2}, warning: {3}, information: "
		"{4}).",
		"変更: {1} 件（要対応 {2} 件、警告 {3} 件、参考情報 {4} "
		"件）" },
	[I18N_REGIONS_ALL_OK] = {
		"Regions: all {1} were collected and compared.",
		"リージョン: {1} 件すべてで収集と比較ができました。" },
	[I18N_REGIONS_SOME_BAD] = {
		"Regions: {1} of {2} could not be compared; see the last "
		"section.",
		"リージョン: {2} 件中 {1} 件は比較できませんでした。"
		"詳しくは最後の節を参照してください。" },
	[I18N_COL_REGION] = {
		"Region",
		"リージョン" },
	[I18N_COL_STATUS] = {
		"Collection",
		"収集" },
	[I18N_COL_ACTION] = {
		"Action",
		"要対応" },
	[I18N_COL_WARNING] = {
		"Warning",
		"警告" },
	[I18N_COL_INFO] = {
		"Info",
		"参考" },
	[I18N_ST_OK] = {
		"collected",
		"収集済み" },
	[I18N_ST_FAILED] = {
		"failed",
		"収集失敗" },
	[I18N_ST_NOT_COMPARED] = {
		"not compared",
		"比較対象外" },
	[I18N_ST_UNLISTED] = {
		"-",
		"-" },
	[I18N_KIND_MODEL_ADDED] = {
		"model now offered",
		"モデルの提供開始" },
	[I18N_KIND_MODEL_REMOVED] = {
		"model no longer offered in this region",
		"このリージョンで提供されなくなった" },
	[I18N_KIND_MODEL_LIFECYCLE_CHANGED] = {
		"lifecycle status changed",
		"ライフサイクル状態の変化" },
	[I18N_KIND_MODEL_LIFECYCLE_DATE_CHANGED] = {
		"lifecycle date moved",
		"ライフサイクルの日付（提供開始・レガシー移行・延長アクセス・提供終了）の変更" },
	[I18N_KIND_MODEL_INFERENCE_TYPES_CHANGED] = {
		"supported inference types changed",
		"サポートされる推論タイプの変化" },
	[I18N_KIND_ACCESS_GRANTED] = {
		"access granted",
		"アクセスの許可" },
	[I18N_KIND_ACCESS_LOST] = {
		"access no longer authorized",
		"アクセス許可が取り消された" },
	[I18N_KIND_ENTITLEMENT_CHANGED] = {
		"entitlement changed",
		"利用資格（entitlement）の変化" },
	[I18N_KIND_AGREEMENT_CHANGED] = {
		"agreement status changed",
		"利用契約（agreement）の状態の変化" },
	[I18N_KIND_REGION_AVAILABILITY_CHANGED] = {
		"availability in the region changed",
		"リージョンでの提供状況の変化" },
	[I18N_KIND_QUOTA_ADDED] = {
		"quota added",
		"クォータの追加" },
	[I18N_KIND_QUOTA_REMOVED] = {
		"quota no longer listed",
		"クォータが一覧から消失" },
	[I18N_KIND_QUOTA_DEFAULT_CHANGED] = {
		"AWS default value changed",
		"AWS デフォルト値の変化" },
	[I18N_KIND_QUOTA_VALUE_CHANGED] = {
		"applied value changed",
		"適用値の変化" },
	[I18N_KIND_QUOTA_ADJUSTABLE_CHANGED] = {
		"adjustability changed",
		"調整可否の変化" },
	[I18N_KIND_QUOTA_REQUEST_CREATED] = {
		"increase request created",
		"引き上げリクエストの作成" },
	[I18N_KIND_QUOTA_REQUEST_STATUS_CHANGED] = {
		"increase request status changed",
		"引き上げリクエストの状態の変化" },
	[I18N_KIND_PROFILE_ADDED] = {
		"inference profile added",
		"推論プロファイルの追加" },
	[I18N_KIND_PROFILE_REMOVED] = {
		"inference profile removed",
		"推論プロファイルの削除" },
	[I18N_KIND_USAGE_NEAR_QUOTA] = {
		"usage at 80% of the quota or more",
		"適用値の 80% 以上の使用量" },
	[I18N_KIND_THROTTLED_BELOW_QUOTA] = {
		"throttling below 80% of the quota",
		"適用値の 80% 未満でのスロットリング" },
	[I18N_KIND_THROTTLED_AT_QUOTA] = {
		"throttling at the quota",
		"上限に達してのスロットリング" },
	[I18N_ITEM_MODEL] = {
		"{1}: model {2}",
		"{1}: モデル {2}" },
	[I18N_ITEM_QUOTA] = {
		"{1}: quota {2}",
		"{1}: クォータ {2}" },
	[I18N_ITEM_REQUEST] = {
		"{1}: increase request {2} for quota {3}",
		"{1}: クォータ {3} の引き上げリクエスト {2}" },
	[I18N_ITEM_PROFILE] = {
		"{1}: inference profile {2}",
		"{1}: 推論プロファイル {2}" },
	[I18N_F_CHANGE] = {
		"What changed: {1}: {2} -> {3}",
		"変更内容: {1}: {2} → {3}" },
	[I18N_F_FIRST_SEEN] = {
		"First seen: run #{1} ({2})",
		"初回検出: 実行 #{1}（{2}）" },
	[I18N_F_FIRST_SEEN_RUN] = {
		"First seen: run #{1}",
		"初回検出: 実行 #{1}" },
	[I18N_F_APPLIED] = {
		"Applied value: {1} -> {2}",
		"適用値: {1} → {2}" },
	[I18N_F_DEFAULT] = {
		"AWS default value now: {1}",
		"現在の AWS デフォルト値: {1}" },
	[I18N_F_ADJUSTABLE] = {
		"Adjustable in Service Quotas: {1}",
		"Service Quotas での調整: {1}" },
	[I18N_F_FOLLOWED] = {
		"The applied value moved with the default.",
		"適用値もデフォルト値に合わせて変わっています。" },
	[I18N_F_REQ_QUOTA] = {
		"Quota code: {1}",
		"クォータコード: {1}" },
	[I18N_H_ACTIONS] = {
		"Action required",
		"対応が必要な変更" },
	[I18N_PATH_TITLE_P1] = {
		"P1 Enable model access",
		"P1 モデルアクセスを有効にする" },
	[I18N_PATH_TITLE_P2] = {
		"P2 Model not offered in the region",
		"P2 リージョンでモデルが提供されていない" },
	[I18N_PATH_TITLE_P3] = {
		"P3 Access cannot be enabled: ask AWS Support",
		"P3 モデルアクセスを有効にできない: AWS サポートに依頼する" },
	[I18N_PATH_TITLE_P4] = {
		"P4 Request a quota increase",
		"P4 クォータの引き上げを申請する" },
	[I18N_PATH_TITLE_P5] = {
		"P5 Call the model through an inference profile",
		"P5 推論プロファイル経由で呼び出す" },
	[I18N_PATH_TITLE_P6] = {
		"P6 Quota not adjustable: ask AWS Support",
		"P6 調整できないクォータ: AWS サポートに依頼する" },
	[I18N_PATH_INTRO_P1] = {
		"The region offers these models, but this account has no "
		"access to them: access was never enabled, was withdrawn, "
		"or the Marketplace agreement behind it did not complete. "
		"Each item names the causes you can check.",
		"これらのモデルはリージョンで提供されていますが、このアカウ"
		"ントではアクセスできません。アクセスを有効にしていない、取"
		"り消された、またはその前提となる Marketplace の利用契約が"
		"完了していない、のいずれかです。項目ごとに確認すべき原因を"
		"挙げています。" },
	[I18N_PATH_INTRO_P2] = {
		"These models have disappeared from a region where they "
		"were offered before, or AWS reports them as unavailable "
		"there. No setting in this account changes that: use "
		"another region or a cross-region inference profile.",
		"以前は提供されていたリージョンでモデルが一覧から消えたか、"
		"AWS がそのリージョンでは利用できないと返しています。"
		"アカウントの設定では解決できないため、"
		"別のリージョンかクロスリージョン推論プロファイルを使ってく"
		"ださい。" },
	[I18N_PATH_INTRO_P3] = {
		"The region offers these models, but this account cannot "
		"enable them: no entitlement has been granted to it, or "
		"the model agreement cannot be completed. Only AWS Support "
		"can grant an entitlement, so each model below comes with "
		"a case draft.",
		"リージョンではモデルが提供されているのに、このアカウントで"
		"は有効にできない状態です（利用資格が付与されていない、また"
		"は利用契約を完了できない）。利用資格を付与できるのは AWS "
		"サポートのみなので、モデルごとにケースの下書きを付けていま"
		"す。" },
	[I18N_PATH_INTRO_P4] = {
		"These quotas went down, sit below the AWS default, or had "
		"their default lowered, and they can be raised in the "
		"Service Quotas console. Work out the value you need from "
		"your expected traffic before you ask.",
		"これらのクォータは、値が下がった、AWS "
		"のデフォルト値を下回っている、またはデフォルト値そのものが"
		"引き下げられたもので、Service Quotas "
		"コンソールから引き上げを申請できます。申請する値は、"
		"想定するトラフィックから見積もってください。" },
	[I18N_PATH_INTRO_P5] = {
		"These models no longer list ON_DEMAND among their "
		"inference types in the region, so calls by model ID with "
		"on-demand throughput stop working. Call them through an "
		"inference profile that includes them; a support case is "
		"the fallback only when the data must stay in the region.",
		"これらのモデルは、リージョンでサポートされる推論タイプから"
		" ON_DEMAND が外れたため、モデル ID を指定したオンデマンド"
		"の呼び出しが使えなくなります。モデルを含む推論プロファイル"
		"経由で呼び出してください。サポートケースは、データをリージ"
		"ョン内にとどめる必要がある場合の最後の手段です。" },
	[I18N_PATH_INTRO_P6] = {
		"These quotas cannot be raised in Service Quotas because "
		"they are not adjustable, or an increase request was turned "
		"down. Ask AWS Support instead; approval is not guaranteed, "
		"so state the business need clearly.",
		"これらのクォータは調整不可のため Service Quotas "
		"では引き上げられないか、引き上げリクエストが承認されません"
		"でした。代わりに AWS サポートに依頼してください。"
		"必ず承認されるとは限らないため、必要な理由を具体的に書いて"
		"ください。" },
	[I18N_P1_REGION] = {
		"In the AWS console, set the region selector at the top "
		"right to {1}.",
		"AWS コンソール右上のリージョン選択で {1} を選びます。" },
	[I18N_P1_ENABLE] = {
		"The Model access page was retired in late 2025: "
		"serverless models are now enabled by their first call. "
		"Call {1} once in this region.",
		"「モデルアクセス」ページは 2025 年後半に廃止され、サーバー"
		"レスのモデルは最初の呼び出しで有効になります。このリージョ"
		"ンで {1} を一度呼び出してください。" },
	[I18N_P1_IAM] = {
		"The identity making that first call needs the IAM actions "
		"aws-marketplace:Subscribe, aws-marketplace:Unsubscribe "
		"and aws-marketplace:ViewSubscriptions. Access is granted "
		"model by model, so enable only the models you use.",
		"最初の呼び出しを行う IAM ユーザーまたはロールには aws-mark"
		"etplace:Subscribe、aws-marketplace:Unsubscribe、aws-market"
		"place:ViewSubscriptions の権限が必要です。アクセスはモデル"
		"単位で許可されるので、使うモデルだけを有効にしてください。" },
	[I18N_P1_FIRST_USE] = {
		"For an Anthropic model, the first-time-use form must have "
		"been submitted once for the account, in the console or "
		"with the PutUseCaseForModelAccess API.",
		"Anthropic のモデルでは、初回利用時のフォームをアカウントで"
		"一度提出しておく必要があります（コンソール、または "
		"PutUseCaseForModelAccess API で提出）。" },
	[I18N_P1_VERIFY] = {
		"After the next collection the model should show the "
		"authorization AUTHORIZED in {1}.",
		"次回の収集で {1} のこのモデルの認可状態（authorizationStat"
		"us）が AUTHORIZED になっていれば完了です。" },
	[I18N_P2_GONE] = {
		"{1} is not offered in {2} at the moment. Confirm this in "
		"the Amazon Bedrock User Guide, on its page of model "
		"support by AWS Region.",
		"{2} では現在 {1} が提供されていません。Amazon Bedrock ユー"
		"ザーガイドの、リージョンごとのモデル対応表で確認してくださ"
		"い。" },
	[I18N_P2_REGIONS] = {
		"Regions where bedrock-audit last saw the model offered: "
		"{1}.",
		"bedrock-audit が最後に提供を確認したリージョン: {1}" },
	[I18N_P2_NO_REGIONS] = {
		"bedrock-audit has not seen the model offered in any other "
		"region it collects.",
		"収集している他のリージョンでは、bedrock-audit はこのモデル"
		"の提供を確認できていません。" },
	[I18N_P2_PROFILES] = {
		"Inference profiles that include it: {1}. Passing a profile "
		"ID where the model ID went sends the request to a region "
		"that offers the model.",
		"このモデルを含む推論プロファイル: {1}。モデル ID "
		"の代わりにプロファイル ID を指定すると、"
		"モデルを提供しているリージョンにリクエストが送られます。" },
	[I18N_P2_NO_PROFILES] = {
		"bedrock-audit saw no inference profile that includes the "
		"model in the regions it collects.",
		"収集しているリージョンでは、このモデルを含む推論プロファイ"
		"ルを bedrock-audit は確認できていません。" },
	[I18N_P2_MOVE] = {
		"Move the workload to a region that offers the model, or "
		"call it through an inference profile, and update the "
		"region or model ID your application uses.",
		"モデルを提供しているリージョンにワークロードを移すか、"
		"推論プロファイル経由で呼び出すようにして、"
		"アプリケーションが使うリージョンまたはモデル ID "
		"を変更してください。" },
	[I18N_P3_CHECK] = {
		"In the AWS console, with the region set to {1}, open {2} "
		"in Amazon Bedrock and note the exact message it shows "
		"about access; quote it in the case.",
		"AWS コンソールでリージョンを {1} にして Amazon Bedrock で "
		"{2} を開き、アクセスについて表示されるメッセージを正確に控"
		"えてください。ケースに引用します。" },
	[I18N_P3_OFFERED] = {
		"ListFoundationModels lists the model in {1}, so the "
		"region offers it, but no entitlement has been granted to "
		"this account, and only AWS Support can grant one: open a "
		"case with the draft below.",
		"{1} の ListFoundationModels にこのモデルが含まれているため"
		"、リージョンでは提供されています。しかし利用資格が付与され"
		"ておらず、解除できるのは AWS サポートのみです。下の下書き"
		"でケースを起票してください。" },
	[I18N_P4_OPEN] = {
		"Set the console region to {1}, search for \"quotas\" and "
		"open Service Quotas.",
		"コンソールのリージョンを {1} にして「quotas」で検索し、"
		"Service Quotas を開きます。" },
	[I18N_P4_QUOTA] = {
		"Choose AWS services, then Amazon Bedrock, and open the "
		"quota \"{1}\" ({2}).",
		"「AWS のサービス」から「Amazon Bedrock」を選び、"
		"クォータ「{1}」（{2}）を開きます。" },
	[I18N_P4_REQUEST] = {
		"Choose \"Request increase at account level\" and enter the "
		"value you need, worked out from your expected traffic. "
		"Applied value now: {1}; AWS default: {2}.",
		"「アカウントレベルでの引き上げをリクエスト」を選び、"
		"想定トラフィックから見積もった値を入力します。"
		"現在の適用値は {1}、AWS デフォルト値は {2} です。" },
	[I18N_P4_WAS] = {
		"Before this change the value was {1}; asking for at least "
		"that much restores the earlier capacity.",
		"この変更の前は {1} でした。少なくともこの値を申請すれば、"
		"以前と同じ処理量に戻せます。" },
	[I18N_P4_IAM] = {
		"Requesting needs the IAM action "
		"servicequotas:RequestServiceQuotaIncrease. Progress shows "
		"under Quota request history, and bedrock-audit records it "
		"in every run.",
		"申請には IAM の servicequotas:RequestServiceQuotaIncrease "
		"権限が必要です。進捗は「クォータリクエスト履歴」で確認でき"
		"、bedrock-audit も実行のたびに記録します。" },
	[I18N_P5_METRICS] = {
		"Compare the CloudWatch metrics InvocationThrottles and "
		"Invocations (namespace AWS/Bedrock) with the "
		"requests-per-minute quota in {1}, to confirm that the "
		"throttling happens below the quota.",
		"CloudWatch のメトリクス InvocationThrottles と Invocations"
		"（名前空間 AWS/Bedrock）を {1} の 1 分あたりのリクエスト数"
		"のクォータと比べ、クォータ未満でスロットリングされているこ"
		"とを確認します。" },
	[I18N_P5_PROFILES] = {
		"Call the model through an inference profile that includes "
		"it, instead of its model ID: {1}. The caller needs "
		"bedrock:InvokeModel (and "
		"bedrock:InvokeModelWithResponseStream for streaming) on "
		"the profile and on the model in every region the profile "
		"routes to.",
		"モデル ID の代わりに、このモデルを含む推論プロファイル経由"
		"で呼び出します: {1}。呼び出し側には、プロファイルと、振り"
		"分け先の各リージョンのモデルに対する bedrock:InvokeModel（"
		"ストリーミングでは bedrock:InvokeModelWithResponseStream "
		"も）の権限が必要です。" },
	[I18N_P5_NO_PROFILES] = {
		"bedrock-audit saw no inference profile that includes this "
		"model in {1}.",
		"bedrock-audit は {1} でこのモデルを含む推論プロファイルを"
		"確認できていません。" },
	[I18N_P5_CASE] = {
		"Only if the data must not leave {1} and no profile fits, "
		"open a support case with the draft below.",
		"データを {1} の外に出せず、使える推論プロファイルもない場"
		"合に限り、下の下書きでサポートケースを起票してください。" },
	[I18N_P6_FIXED] = {
		"In Service Quotas ({1}), Amazon Bedrock, the quota \"{2}\" "
		"({3}) is marked as not adjustable, so no increase can be "
		"requested there; the quota's page refers you to the "
		"Support Center.",
		"Service Quotas（{1}）の Amazon Bedrock では、"
		"クォータ「{2}」（{3}）が調整不可になっているため、"
		"ここからは引き上げを申請できません。クォータのページにはサ"
		"ポートセンターへの案内があります。" },
	[I18N_P6_DENIED] = {
		"The increase request {1} was {2}.",
		"引き上げリクエスト {1} は{2}されました。" },
	[I18N_P6_CASE] = {
		"Open a support case with the draft below, stating the "
		"value you need and why. AWS decides each request on its "
		"own merits and may decline it.",
		"下の下書きでサポートケースを起票し、必要な値とその理由を伝"
		"えてください。AWS が個別に判断するため、"
		"承認されないこともあります。" },
	[I18N_IAM_SUPPORT] = {
		"Opening a case needs the IAM actions support:CreateCase "
		"and support:DescribeCases (both are in the "
		"AWSSupportAccess managed policy).",
		"ケースの起票には IAM の support:CreateCase と support:Desc"
		"ribeCases の権限が必要です（マネージドポリシー AWSSupportA"
		"ccess に含まれています）。" },
	[I18N_CASE_HEADING] = {
		"Support case draft (to paste into the Support Center)",
		"サポートケースの下書き（サポートセンターに貼り付けて使いま"
		"す）" },
	[I18N_CASE_WHERE] = {
		"Where: AWS Support Center, opened from the \"?\" icon at "
		"the top right of the console; choose Create case.",
		"起票先: コンソール右上の「?」アイコンからサポートセンター"
		"を開き、「ケースを作成」を選びます。" },
	[I18N_CASE_PLAN] = {
		"With a Developer, Business or Enterprise support plan: "
		"choose Technical, then the service Amazon Bedrock.",
		"デベロッパー、ビジネス、エンタープライズのいずれかのサポー"
		"トプランがある場合: 「技術」を選び、サービスに Amazon "
		"Bedrock を指定します。" },
	[I18N_CASE_NOPLAN_ALLOW] = {
		"Without a support plan: choose Account and billing, then "
		"Account Activation, then Bedrock Allowlisting.",
		"サポートプランがない場合: 「アカウントと請求」→「Account "
		"Activation」→「Bedrock Allowlisting」の順に選びます。" },
	[I18N_CASE_NOPLAN_LIMIT] = {
		"Without a support plan: open the quota's page in Service "
		"Quotas ({1}); it links to the case form for this quota.",
		"サポートプランがない場合: Service Quotas（{1}）でこのクォ"
		"ータのページを開くと、ケースを作成するフォームへのリンクが"
		"あります。" },
	[I18N_CASE_SUBJECT] = {
		"Subject: {1}",
		"件名: {1}" },
	[I18N_CASE_BODY] = {
		"Description:",
		"説明:" },
	[I18N_CASE_URGENCY] = {
		"Add anything that makes the case urgent, such as a go-live "
		"date; it helps AWS prioritise.",
		"本番稼働の予定など、急ぐ事情があれば書き添えてください。"
		"優先度の判断材料になります。" },
	[I18N_CASE_SUBJ_P3] = {
		"Amazon Bedrock: cannot enable model access for {1} in {2}",
		"Amazon Bedrock: {2} で {1} のモデルアクセスを有効化できな"
		"い" },
	[I18N_CASE_SUBJ_P5] = {
		"Amazon Bedrock: {1} no longer accepts on-demand calls in "
		"{2}",
		"Amazon Bedrock: {2} の {1} がオンデマンド呼び出しに対応し"
		"なくなった" },
	[I18N_CASE_SUBJ_P6] = {
		"Amazon Bedrock: raise the quota \"{1}\" ({2}) in {3}",
		"Amazon Bedrock: {3} のクォータ「{1}」（{2}）を引き上げたい" },
	[I18N_CASE_ACCOUNT] = {
		"AWS account ID: {1}",
		"AWS アカウント ID: {1}" },
	[I18N_CASE_REGION] = {
		"Region: {1}",
		"リージョン: {1}" },
	[I18N_CASE_MODEL_ID] = {
		"Model ID: {1}",
		"モデル ID: {1}" },
	[I18N_CASE_MODEL_NAME] = {
		"Model name: {1}",
		"モデル名: {1}" },
	[I18N_CASE_QUOTA_NAME] = {
		"Quota name: {1}",
		"クォータ名: {1}" },
	[I18N_CASE_QUOTA_CODE] = {
		"Quota code: {1}",
		"クォータコード: {1}" },
	[I18N_CASE_CURRENT] = {
		"Current applied value: {1}",
		"現在の適用値: {1}" },
	[I18N_CASE_DEFAULT] = {
		"AWS default value: {1}",
		"AWS のデフォルト値: {1}" },
	[I18N_CASE_WANTED] = {
		"Value we need: {1}",
		"希望する値: {1}" },
	[I18N_CASE_PH_VALUE] = {
		"<value you need>",
		"<必要な値>" },
	[I18N_CASE_PH_REASON] = {
		"Business reason: <what the workload does and why it needs "
		"this>",
		"必要な理由: <ワークロードの内容と、これが必要な理由>" },
	[I18N_CASE_PH_GOLIVE] = {
		"Planned go-live date: <YYYY-MM-DD>",
		"本番稼働の予定日: <YYYY-MM-DD>" },
	[I18N_CASE_SINCE] = {
		"Our monitoring first saw this state on {1}.",
		"この状態は {1} に監視で初めて検出しました。" },
	[I18N_CASE_P3_TEXT] = {
		"I want to use this model in this region, but access "
		"cannot be enabled: {1}.",
		"このリージョンでこのモデルを使いたいのですが、{1}ため、ア"
		"クセスを有効化できません。" },
	[I18N_CASE_P3_GREYED] = {
		"no entitlement is granted to our account "
		"(entitlementAvailability: {1})",
		"このアカウントに利用資格が付与されていない（entitlementAva"
		"ilability: {1}）" },
	[I18N_CASE_P3_AGREEMENT] = {
		"the model agreement cannot be completed "
		"(agreementAvailability: {1})",
		"モデルの利用契約を完了できない（agreementAvailability: "
		"{1}）" },
	[I18N_CASE_P3_OTHER] = {
		"its state changed ({1}: {2} -> {3})",
		"状態が変わった（{1}: {2} → {3}）" },
	[I18N_CASE_OFFERED] = {
		"ListFoundationModels in {1} lists this model, so the "
		"region offers it.",
		"{1} の ListFoundationModels にこのモデルが含まれており、こ"
		"のリージョンで提供されています。" },
	[I18N_CASE_P3_ASK] = {
		"Please make this model available to our account.",
		"このアカウントでモデルを利用できるよう、"
		"対応をお願いいたします。" },
	[I18N_CASE_P5_TEXT] = {
		"ListFoundationModels in this region no longer lists "
		"ON_DEMAND among this model's inference types, so it can "
		"no longer be called on demand by its model ID.",
		"このリージョンの ListFoundationModels で、このモデルの推論"
		"タイプから ON_DEMAND が外れたため、モデル ID を指定したオ"
		"ンデマンドの呼び出しができなくなりました。" },
	[I18N_CASE_P5_OBSERVED] = {
		"Inference types before: {2}; now: {3}.",
		"以前の推論タイプ: {2}、現在: {3}" },
	[I18N_CASE_P5_XR_WHY] = {
		"Why an inference profile that includes this model ({1}) "
		"cannot be used: <for example, the data must stay in {2} "
		"because ...>",
		"このモデルを含む推論プロファイル（{1}）を使えない理由: "
		"<例: データを {2} 内にとどめる必要がある。理由: ...>" },
	[I18N_CASE_P5_XR_NONE] = {
		"Our monitoring saw no inference profile that includes "
		"this model in {1}.",
		"監視では、{1} でこのモデルを含む推論プロファイルを確認でき"
		"ていません。" },
	[I18N_CASE_P5_RATE] = {
		"Request rate we need: <requests per minute>",
		"必要なリクエスト数: <1 分あたりのリクエスト数>" },
	[I18N_CASE_P5_ASK] = {
		"Please tell us how to keep using this model in this "
		"region without an inference profile, or make on-demand "
		"calls available to our account again.",
		"推論プロファイルを使わずにこのリージョンでこのモデルを使い"
		"続ける方法のご案内、またはこのアカウントでオンデマンド呼び"
		"出しを再び利用できるようにしていただけますでしょうか。" },
	[I18N_CASE_P6_TEXT] = {
		"I want to raise this quota, but Service Quotas shows it as "
		"not adjustable, so the increase cannot be requested at "
		"account level there.",
		"このクォータを引き上げたいのですが、Service Quotas "
		"では調整不可と表示され、アカウントレベルでの引き上げを申請"
		"できません。" },
	[I18N_CASE_P6_DENIED] = {
		"An earlier increase request ({1}) was {2}.",
		"以前の引き上げリクエスト（{1}）は{2}されました。" },
	[I18N_CASE_P6_RETRY] = {
		"I am asking again here, with more detail on why we need "
		"it.",
		"必要な理由を詳しく添えて、改めて引き上げをお願いいたします"
		"。" },
	[I18N_CASE_P6_LOWERED] = {
		"The value was {1} before {2}; we need at least that much "
		"again.",
		"{2} より前は {1} でした。少なくとも元の値に戻していただく"
		"必要があります。" },
	[I18N_CASE_P6_ASK] = {
		"Please raise this quota for our account to the value "
		"above.",
		"このアカウントのクォータを上記の値まで引き上げていただけま"
		"すでしょうか。" },
	[I18N_CASE_NONE] = {
		"No support case is needed for this change (path {1}); the "
		"advice in the report is enough.",
		"この変更（{1}）にサポートケースは不要です。"
		"レポートに書かれた対応で解決できます。" },
	[I18N_H_WARNINGS] = {
		"Warnings",
		"警告" },
	[I18N_WARN_INTRO] = {
		"Nothing has to be done today, but these changes need a "
		"plan.",
		"今すぐの対応は不要ですが、計画に入れておくべき変更です。" },
	[I18N_WARN_LEGACY] = {
		"{1} is now {2} in {3}, which means AWS is going to retire "
		"it. Plan the move to a newer model and look up its "
		"end-of-life date under model lifecycle in the Amazon "
		"Bedrock User Guide.",
		"{3} で {1} が {2} になりました。AWS が提供終了を予定してい"
		"るモデルです。新しいモデルへの移行を計画し、Amazon "
		"Bedrock ユーザーガイドのモデルのライフサイクルの項で提供終"
		"了日を確認してください。" },
	[I18N_WARN_GENERIC] = {
		"Check whether this affects your workload.",
		"ワークロードへの影響がないか確認してください。" },
	[I18N_H_INFO] = {
		"For information",
		"参考情報" },
	[I18N_INFO_INTRO] = {
		"These changes need no action.",
		"以下の変更は対応不要です。" },
	[I18N_INFO_LINE] = {
		"{1}: {2}, {3} -> {4}",
		"{1}: {2}（{3} → {4}）" },
	[I18N_INFO_NO_ACTION] = {
		"No action is needed.",
		"対応は不要です。" },
	[I18N_H_REGIONS] = {
		"Regions not collected or not compared",
		"収集・比較できなかったリージョン" },
	[I18N_REGIONS_INTRO] = {
		"The state of these regions is unknown, not empty: nothing "
		"in them is reported as removed or lost until a run "
		"collects them again.",
		"これらのリージョンの状態は「不明」として扱い、「空」とはみ"
		"なしません。再び収集できるまで、削除や喪失としては報告しま"
		"せん。" },
	[I18N_REGION_FAILED] = {
		"{1}: collection failed",
		"{1}: 収集に失敗" },
	[I18N_REGION_NOT_COMPARED] = {
		"{1}: not compared",
		"{1}: 比較対象外" },
	[I18N_R_CALL] = {
		"Failed call: {1}",
		"失敗した呼び出し: {1}" },
	[I18N_R_ERROR] = {
		"Error: HTTP {1}, {2}: {3}",
		"エラー: HTTP {1}、{2}: {3}" },
	[I18N_R_ERROR_NOHTTP] = {
		"Error: no HTTP response, {1}: {2}",
		"エラー: HTTP 応答なし、{1}: {2}" },
	[I18N_R_REASON] = {
		"Why: {1}",
		"理由: {1}" },
	[I18N_R_FIX] = {
		"Fix: {1}",
		"対処: {1}" },
	[I18N_FIX_IAM] = {
		"Allow the IAM action {1} for the identity bedrock-audit "
		"runs as.",
		"bedrock-audit が使う IAM ユーザーまたはロールに {1} "
		"を許可してください。" },
	[I18N_FIX_IAM_UNKNOWN] = {
		"Allow the IAM permission that {1} needs for the identity "
		"bedrock-audit runs as.",
		"bedrock-audit が使う IAM ユーザーまたはロールに、{1} "
		"に必要な権限を許可してください。" },
	[I18N_FIX_EXPIRED] = {
		"The credentials have expired; refresh them (for example "
		"sign in again with aws sso login, or get a new session "
		"token).",
		"認証情報の有効期限が切れています。aws sso login "
		"で再ログインする、セッショントークンを取り直すなどして更新"
		"してください。" },
	[I18N_FIX_SIGNATURE] = {
		"AWS rejected the request signature; check that the system "
		"clock is right (NTP) and that the secret access key "
		"belongs to the access key ID.",
		"リクエストの署名が拒否されました。システムの時刻が正しいこ"
		"と（NTP）と、シークレットアクセスキーがアクセスキー ID "
		"と対応していることを確認してください。" },
	[I18N_FIX_KEY] = {
		"AWS does not recognise the access key; check the access "
		"key ID and that the key is active. For an opt-in region, "
		"also check that the region is enabled for the account.",
		"アクセスキーが認識されていません。アクセスキー ID と、"
		"キーが有効になっていることを確認してください。"
		"オプトインリージョンの場合は、アカウントでそのリージョンが"
		"有効になっているかも確認してください。" },
	[I18N_FIX_THROTTLED] = {
		"The calls were throttled beyond the retry limit; lower the "
		"concurrency (--concurrency) or run at a quieter time.",
		"再試行の上限を超えてスロットリングされました。"
		"並列数（--concurrency）を下げるか、混雑しない時間帯に実行"
		"してください。" },
	[I18N_FIX_NETWORK] = {
		"The endpoint could not be reached; check network access, "
		"proxy and DNS settings, and any AWS_ENDPOINT_URL override.",
		"エンドポイントに接続できませんでした。ネットワーク、"
		"プロキシ、DNS の設定と、AWS_ENDPOINT_URL "
		"による上書きがないかを確認してください。" },
	[I18N_FIX_SERVER] = {
		"AWS returned a server error; this is usually temporary, "
		"and the next run tries again.",
		"AWS 側でエラーが発生しました。多くは一時的なもので、"
		"次回の実行で再試行されます。" },
	[I18N_FIX_OTHER] = {
		"See the error message above; the next run tries again.",
		"上のエラーメッセージを確認してください。"
		"次回の実行で再試行されます。" },
	[I18N_FIX_NOT_COMPARED] = {
		"It is compared from the next collection on.",
		"次回の収集から比較の対象になります。" },
	[I18N_FIX_CREDENTIALS] = {
		"Make credentials available to the job that runs collect; "
		"the reason says where each source was looked for. With IAM "
		"Identity Center, sign in again with the command the reason "
		"names (the cached sign-in has expired or is missing).",
		"collect を実行するジョブが認証情報を使えるようにしてくださ"
		"い。理由に、各認証情報の取得元をどこで探したかが示されてい"
		"ます。IAM Identity Center の場合は、理由に示されたコマンド"
		"でサインインし直してください（キャッシュされたサインインが"
		"期限切れか、存在しません）。" },
	[I18N_RUN_STOPPED] = {
		"The run stopped before its first region:",
		"実行は最初のリージョンの前に止まりました:" },
	[I18N_RUN_SHARD_STOPPED] = {
		"Part of this run collected nothing: a shard merged into it "
		"stopped before its first region, and the accounts it was to "
		"collect were not collected:",
		"この実行の一部は何も収集していません。マージされたシャード"
		"の 1 つが最初のリージョンの前に止まり、そのシャードが収集す"
		"るはずだったアカウントは収集されていません:" },
	[I18N_RUN_NO_CREDENTIALS] = {
		"No credentials could be found or obtained, so nothing was "
		"asked of AWS:",
		"認証情報が見つからないか取得できなかったため、AWS には何も"
		"問い合わせていません:" },
	[I18N_H_REGIONS_ALL] = {
		"Regions",
		"リージョン" },
	[I18N_H_NO_ACCESS] = {
		"Models without access",
		"アクセスできないモデル" },
	[I18N_NO_ACCESS_NONE] = {
		"Every model offered in the collected regions is "
		"accessible to this account.",
		"収集したリージョンで提供されているモデルは、すべてこのアカ"
		"ウントで利用できます。" },
	[I18N_H_BELOW_DEFAULT] = {
		"Quotas below their AWS default",
		"AWS デフォルト値を下回るクォータ" },
	[I18N_BELOW_NONE] = {
		"No quota is below its AWS default.",
		"AWS デフォルト値を下回るクォータはありません。" },
	[I18N_H_OPEN_REQ] = {
		"Open quota increase requests",
		"処理中のクォータ引き上げリクエスト" },
	[I18N_OPEN_NONE] = {
		"No quota increase request is open.",
		"処理中のクォータ引き上げリクエストはありません。" },
	[I18N_COL_MODEL_ID] = {
		"Model ID",
		"モデル ID" },
	[I18N_COL_NAME] = {
		"Name",
		"名前" },
	[I18N_COL_AUTH] = {
		"Authorization",
		"認可" },
	[I18N_COL_ENT] = {
		"Entitlement",
		"利用資格" },
	[I18N_COL_AGREE] = {
		"Agreement",
		"利用契約" },
	[I18N_COL_PATH] = {
		"What to do",
		"対応" },
	[I18N_COL_CODE] = {
		"Quota code",
		"クォータコード" },
	[I18N_COL_APPLIED] = {
		"Applied",
		"適用値" },
	[I18N_COL_DEFAULT] = {
		"AWS default",
		"デフォルト値" },
	[I18N_COL_ADJ] = {
		"Adjustable",
		"調整" },
	[I18N_COL_REQUEST] = {
		"Request ID",
		"リクエスト ID" },
	[I18N_COL_DESIRED] = {
		"Requested value",
		"希望値" },
	[I18N_COL_REQ_STATUS] = {
		"Status",
		"状態" },
	[I18N_COL_CASE] = {
		"Case ID",
		"ケース ID" },
	[I18N_COL_CREATED] = {
		"Created",
		"作成日時" },
	[I18N_COL_ERROR] = {
		"Error",
		"エラー" },
	[I18N_HINT_P1] = {
		"P1: enable it in the console",
		"P1: コンソールで有効化" },
	[I18N_HINT_P3] = {
		"P3: open a support case",
		"P3: サポートケースを起票" },
	[I18N_HINT_P4] = {
		"P4: request an increase",
		"P4: 引き上げを申請" },
	[I18N_HINT_P6] = {
		"P6: open a support case",
		"P6: サポートケースを起票" },
	[I18N_HINT_P2] = {
		"P2: not offered here; use another region or a profile",
		"P2: このリージョンでは提供されていません。"
		"別リージョンか推論プロファイルを利用" },
	[I18N_HINT_PENDING] = {
		"agreement in progress; check again after it completes",
		"契約手続き中。完了後に再確認" },
	[I18N_HINT_UNCLEAR] = {
		"no path fits these values; check them in the console",
		"どのパスにも当てはまりません。コンソールで値を確認" },
	[I18N_HINT_UNKNOWN_VALUE] = {
		"unexpected value; check it in the console",
		"想定外の値です。コンソールで確認" },
	[I18N_COL_REGION_AVAIL] = {
		"Region availability",
		"リージョンでの提供" },
	[I18N_V_WORDS] = {
		"{1} ({2})",
		"{1}（{2}）" },
	[I18N_LIST_SEP] = {
		", ",
		"、" },
	[I18N_V_AUTHORIZED] = {
		"authorized",
		"許可済み" },
	[I18N_V_NOT_AUTHORIZED] = {
		"not authorized",
		"未許可" },
	[I18N_V_AVAILABLE] = {
		"available",
		"利用可能" },
	[I18N_V_NOT_AVAILABLE] = {
		"not available",
		"利用不可" },
	[I18N_V_PENDING] = {
		"pending",
		"処理中" },
	[I18N_V_ERROR] = {
		"in error",
		"エラー" },
	[I18N_V_ACTIVE] = {
		"active",
		"提供中" },
	[I18N_V_LEGACY] = {
		"legacy",
		"レガシー" },
	[I18N_V_TRUE] = {
		"adjustable",
		"調整可能" },
	[I18N_V_FALSE] = {
		"not adjustable",
		"調整不可" },
	[I18N_V_DENIED] = {
		"denied",
		"却下" },
	[I18N_V_NOT_APPROVED] = {
		"not approved",
		"不承認" },
	[I18N_V_APPROVED] = {
		"approved",
		"承認" },
	[I18N_V_CASE_OPENED] = {
		"case opened",
		"ケース起票済み" },
	[I18N_V_CASE_CLOSED] = {
		"case closed",
		"ケース終了" },
	[I18N_V_INVALID_REQUEST] = {
		"invalid request",
		"無効なリクエスト" },
	[I18N_V_ON_DEMAND] = {
		"on-demand",
		"オンデマンド" },
	[I18N_V_INFERENCE_PROFILE] = {
		"inference profile",
		"推論プロファイル" },
	[I18N_V_PROVISIONED] = {
		"provisioned",
		"プロビジョンド" },
	[I18N_F_APPLIED_SAME] = {
		"Applied value: {1} (unchanged)",
		"適用値: {1}（変化なし）" },
	[I18N_V_FINDING_NONE] = {
		"no",
		"なし" },
	[I18N_V_FINDING_HOLDS] = {
		"yes",
		"あり" },
	[I18N_F_USAGE_PEAK] = {
		"Usage in the 14 days up to the run ({6}): peak {1} {2} on {3} "
		"UTC against a quota of {4} ({5}%)",
		"実行までの 14 日間の使用量（{6}）: 最大 {1} {2}（{3} UTC）、"
		"クォータ {4} の {5}%" },
	[I18N_F_USAGE_THROTTLED] = {
		"Minutes with throttles in those days: {1}",
		"その期間にスロットリングされた分数: {1}" },
	[I18N_USAGE_STEP_SUGGEST] = {
		"Usage ({6}): peak {2} {3} on {4} UTC against a quota of {5} "
		"({7}%). Suggested value: {1}, 1.5 times the peak rounded up to "
		"two significant digits; it is a suggestion from the peak, so "
		"size it to the traffic you expect.",
		"使用量（{6}）: 最大 {2} {3}（{4} UTC）で、クォータ {5} の {7}% "
		"です。提案値は {1} です（最大値の 1.5 倍を有効数字 2 桁に"
		"切り上げた値）。最大値から求めた目安なので、見込んでいる"
		"トラフィックに合わせて決めてください。" },
	[I18N_P5_USAGE] = {
		"CloudWatch (namespace AWS/Bedrock, {6}) shows throttles in {1} "
		"minute(s) of the 14 days up to this run on days whose usage "
		"stayed below 80% of the quota: peak {2} {3} on {4} UTC against "
		"a quota of {5} ({7}%). The quota is not what limits these "
		"calls.",
		"CloudWatch（名前空間 AWS/Bedrock、{6}）では、この実行までの "
		"14 日間のうち使用量が適用値の 80% 未満だった日に、{1} 分間"
		"スロットリングが記録されています。最大 {2} {3}（{4} UTC）で、"
		"クォータ {5} の {7}% です。これらの呼び出しを制限しているのは"
		"クォータではありません。" },
	[I18N_INFO_USAGE_ENDED] = {
		"The finding no longer holds over the 14 days up to this run. "
		"No action is needed.",
		"この実行までの 14 日間では、この状態はもう見られません。"
		"対応は不要です。" },
	[I18N_CASE_USAGE_PEAK] = {
		"Observed usage (CloudWatch, AWS/Bedrock, {5}, per minute, the "
		"14 days up to {6}): peak {1} {2} on {3} UTC, {4}% of the current "
		"quota.",
		"観測した使用量（CloudWatch、AWS/Bedrock、{5}、1 分単位、{6} "
		"までの 14 日間）: 最大 {1} {2}（{3} UTC）で、現在のクォータの "
		"{4}% です。" },
	[I18N_CASE_USAGE_THROTTLED_AT] = {
		"Requests were throttled in {1} minute(s) on days when usage "
		"reached 80% of the quota or more.",
		"使用量がクォータの 80% 以上に達した日に、{1} 分間"
		"スロットリングされました。" },
	[I18N_CASE_WANTED_SUGGESTED] = {
		"Value we need: {1} (a suggestion: 1.5 times the observed peak "
		"of {2}, rounded up)",
		"希望する値: {1}（観測した最大値 {2} の 1.5 倍を切り上げた"
		"提案値）" },
	[I18N_CASE_SUBJ_P5_USAGE] = {
		"Amazon Bedrock: {1} is throttled below its quota in {2}",
		"Amazon Bedrock: {2} の {1} がクォータ未満でスロットリング"
		"されます" },
	[I18N_CASE_P5_USAGE_ASK] = {
		"Please tell us why these requests are throttled while our "
		"usage stays below the quota, and how we can avoid it.",
		"使用量がクォータ未満なのにスロットリングされる理由と、"
		"回避する方法を教えていただけますでしょうか。" },
	[I18N_CASE_P5_USAGE] = {
		"Observed in CloudWatch (AWS/Bedrock, {6}, per minute, the 14 "
		"days up to {7}): requests were throttled in {1} minute(s) on "
		"days whose usage stayed below 80% of the quota {5}; the peak "
		"was {2} {3} on {4} UTC ({8}% of the quota).",
		"CloudWatch での観測（AWS/Bedrock、{6}、1 分単位、{7} までの "
		"14 日間）: 使用量がクォータ {5} の 80% 未満だった日に {1} 分間"
		"スロットリングされました。最大は {2} {3}（{4} UTC、クォータの "
		"{8}%）でした。" },
	[I18N_F_PROFILE_GONE] = {
		"Inference profile {1} is no longer listed (it routed to: "
		"{2})",
		"推論プロファイル {1} が一覧から消えました（振り分け先モデ"
		"ル: {2}）" },
	[I18N_P1_DENY] = {
		"Check that no IAM policy or service control policy (SCP) "
		"denies bedrock:InvokeModel or those aws-marketplace "
		"actions to the caller.",
		"IAM ポリシーやサービスコントロールポリシー（SCP）が、呼び"
		"出し元に bedrock:InvokeModel や上記の aws-marketplace の権"
		"限を拒否していないか確認してください。" },
	[I18N_P1_AGR_STATE] = {
		"The model agreement for {1} in {2} is {3}, while the "
		"entitlement is AVAILABLE: the account is entitled to the "
		"model, but the Marketplace subscription for it did not "
		"complete.",
		"{2} の {1} の利用契約は {3} ですが、利用資格（entitlement"
		"）は AVAILABLE です。アカウントには利用資格があり、Marketp"
		"lace のサブスクリプションが完了していない状態です。" },
	[I18N_P1_AGR_MESSAGE] = {
		"No error message from AWS is recorded for the agreement; "
		"the Amazon Bedrock console may show more for this model.",
		"利用契約について AWS のエラーメッセージは記録されていません"
		"。Amazon Bedrock コンソールでこのモデルの詳細を確認してくだ"
		"さい。" },
	[I18N_P1_AGR_MESSAGE_IS] = {
		"AWS's error message for the agreement: {1}",
		"利用契約について AWS が返したエラーメッセージ: {1}" },
	[I18N_P1_AGR_PERMS] = {
		"Check the Marketplace permissions: the identity that "
		"makes the first call needs aws-marketplace:Subscribe, "
		"aws-marketplace:Unsubscribe and "
		"aws-marketplace:ViewSubscriptions, and no IAM policy or "
		"SCP may deny them.",
		"Marketplace の権限を確認してください。最初の呼び出しを行う"
		" IAM ユーザーまたはロールに aws-marketplace:Subscribe、aws"
		"-marketplace:Unsubscribe、aws-marketplace:ViewSubscription"
		"s が必要で、IAM ポリシーや SCP で拒否されていてはいけませ"
		"ん。" },
	[I18N_P1_AGR_PAYMENT] = {
		"Check that the account has a valid payment method: "
		"Marketplace subscriptions are billed to it.",
		"アカウントに有効な支払い方法が登録されているか確認してくだ"
		"さい。Marketplace のサブスクリプションはこの支払い方法に請"
		"求されます。" },
	[I18N_P1_AGR_RETRY] = {
		"Then call the model once more in {1}.",
		"そのうえで、{1} でもう一度モデルを呼び出してください。" },
	[I18N_P1_AGR_FALLBACK] = {
		"If the agreement still fails after that, ask AWS Support: "
		"with a support plan, choose Technical and the service "
		"Amazon Bedrock; without one, choose Account and billing, "
		"then Account Activation, then Bedrock Allowlisting.",
		"それでも利用契約が完了しない場合は AWS サポートに依頼しま"
		"す。サポートプランがあれば「技術」を選んでサービスに "
		"Amazon Bedrock を指定し、なければ「アカウントと請求」→「Ac"
		"count Activation」→「Bedrock Allowlisting」の順に選びます"
		"。" },
	[I18N_P3_OFFERED_AGR] = {
		"ListFoundationModels lists the model in {1}, so the "
		"region offers it, but the model agreement did not "
		"complete ({2}). First check the Marketplace permissions "
		"and the payment method and call the model once more; if "
		"the agreement still fails, open a case with the draft "
		"below.",
		"{1} の ListFoundationModels にこのモデルが含まれているため"
		"、リージョンでは提供されていますが、利用契約が完了していま"
		"せん（{2}）。まず Marketplace の権限と支払い方法を確認して"
		"モデルをもう一度呼び出し、それでも完了しない場合は下の下書"
		"きでケースを起票してください。" },
	[I18N_CASE_P3_TRIED] = {
		"What we checked before opening this case: <for example, "
		"the Marketplace permissions, the payment method, another "
		"first call>",
		"このケースの前に確認したこと: <例: Marketplace の権限、支"
		"払い方法、再度の呼び出し>" },
	[I18N_P5_DROPPED] = {
		"{1} no longer lists ON_DEMAND among its inference types "
		"in {2}: before {3}, now {4}. Calls by model ID with "
		"on-demand throughput stop working.",
		"{2} の {1} は、サポートされる推論タイプから ON_DEMAND が外"
		"れました。以前は {3}、現在は {4} です。モデル ID を指定し"
		"たオンデマンドの呼び出しは使えなくなります。" },
	[I18N_CASE_NOPLAN_OTHER] = {
		"Without a support plan: bedrock-audit knows no verified "
		"case category for this request; choose the closest one "
		"the Create case page offers.",
		"サポートプランがない場合: この依頼に合う区分は確認できてい"
		"ません。「ケースを作成」画面で最も近いものを選んでください"
		"。" },
	[I18N_P6_TURNED] = {
		"From now on an increase of this quota can only be asked "
		"for through AWS Support; the current value is {1}.",
		"今後このクォータの引き上げは AWS サポート経由でしか依頼で"
		"きません。現在の値は {1} です。" },
	[I18N_INFO_DEFAULT_KEPT] = {
		"AWS lowered the default from {1} to {2}; your applied "
		"value of {3} is unaffected.",
		"AWS がデフォルト値を {1} から {2} に引き下げましたが、この"
		"アカウントの適用値 {3} は影響を受けません。" },
	[I18N_INFO_REMOVED_NO_ACCESS] = {
		"The account had no access to this model in {1}, so "
		"nothing it used there is lost.",
		"このアカウントは {1} でこのモデルへのアクセスを持っていな"
		"かったため、利用していたものが失われたわけではありません。" },
	[I18N_WARN_PENDING] = {
		"The Marketplace agreement for this model is being "
		"processed; the next collection shows whether it completed.",
		"このモデルの Marketplace の利用契約は処理中です。完了した"
		"かどうかは次回の収集で確認できます。" },
	[I18N_WARN_UNKNOWN] = {
		"AWS reports the value {1}, for which the playbook names "
		"no path; check it in the console of {2}.",
		"AWS は {1} という値を返していますが、対応手順のどれにも当"
		"てはまりません。{2} のコンソールで確認してください。" },
	[I18N_WARN_UNCLEAR] = {
		"Access is no longer authorized, but the entitlement was "
		"not collected, so the cause cannot be told; check the "
		"model in the Amazon Bedrock console of {1}.",
		"アクセス許可が取り消されましたが、利用資格（entitlement）"
		"を収集できていないため原因を特定できません。{1} の Amazon "
		"Bedrock コンソールでモデルを確認してください。" },
	[I18N_WARN_QUOTA_GONE] = {
		"Service Quotas in {1} no longer lists this quota; its "
		"last applied value was {2}.",
		"{1} の Service Quotas にこのクォータが表示されなくなりまし"
		"た。最後に確認した適用値は {2} です。" },
	[I18N_WARN_VALUE_UNSET] = {
		"Service Quotas no longer reports an applied value for "
		"this quota; the last one seen was {1}.",
		"Service Quotas がこのクォータの適用値を返さなくなりました"
		"。最後に確認した値は {1} です。" },
	[I18N_WARN_REQ_CLOSED] = {
		"The increase request {1} is now {2}, which is not an "
		"approval. If you still need the increase, check the "
		"request under Quota request history in Service Quotas.",
		"引き上げリクエスト {1} は {2} になりました。承認ではありま"
		"せん。引き上げがまだ必要なら、Service Quotas の「クォータ"
		"リクエスト履歴」で確認してください。" },
	[I18N_WARN_PROFILE_GONE] = {
		"Calls that use the inference profile ID {1} fail from now "
		"on.",
		"推論プロファイル ID {1} を使った呼び出しは、今後失敗します"
		"。" },
	[I18N_WARN_PROFILE_ALTS] = {
		"Inference profiles that still include the same models: "
		"{1}.",
		"同じモデルを含む推論プロファイル: {1}" },
	[I18N_WARN_PROFILE_NO_ALTS] = {
		"bedrock-audit saw no other inference profile for these "
		"models; call a model by its model ID in a region that "
		"offers it.",
		"これらのモデルを含む別の推論プロファイルは確認できていませ"
		"ん。モデルを提供しているリージョンで、モデル ID を指定して"
		"呼び出してください。" },
	[I18N_HINT_P1_AGREEMENT] = {
		"P1: agreement failed; check Marketplace permissions and "
		"payment method",
		"P1: 利用契約が未完了。Marketplace の権限と支払い方法を確認" },
	[I18N_TIME_LOCAL] = {
		"{1} / {2}",
		"{1} / {2}" },
	[I18N_WARN_ADJ_UNKNOWN] = {
		"This quota went down or is below the AWS default, and "
		"bedrock-audit does not know whether it can be raised in "
		"Service Quotas; open it in Service Quotas in {1} to see "
		"whether an increase can be requested there.",
		"このクォータは値が下がったか AWS デフォルト値を下回ってい"
		"ますが、Service Quotas で引き上げられるかどうかを "
		"bedrock-audit は把握していません。{1} の Service Quotas で"
		"このクォータを開き、引き上げを申請できるか確認してください"
		"。" },
	[I18N_H_HEALTH] = {
		"Monitoring",
		"監視の状態" },
	[I18N_HEALTH_RUN] = {
		"Newest run: #{1}, started {2}, finished {3}: {4}.",
		"最新の実行: #{1}（開始 {2}、終了 {3}）: {4}。" },
	[I18N_RUN_COMPLETE] = {
		"complete, every region collected",
		"完了（すべてのリージョンを収集）" },
	[I18N_RUN_PARTIAL] = {
		"partial, some regions failed",
		"一部失敗（収集できなかったリージョンあり）" },
	[I18N_RUN_FAILED] = {
		"failed, nothing was collected",
		"失敗（何も収集できませんでした）" },
	[I18N_RUN_RUNNING] = {
		"not finished",
		"未完了" },
	[I18N_HEALTH_REGIONS] = {
		"Regions: {1}.",
		"リージョン: {1}。" },
	[I18N_HREG_OK] = {
		"{1} collected",
		"収集 {1}" },
	[I18N_HREG_PARTIAL] = {
		"{1} partly collected",
		"一部のみ収集 {1}" },
	[I18N_HREG_BASELINE] = {
		"{1} new (recorded as the baseline)",
		"新規（基準として記録）{1}" },
	[I18N_HREG_FAILED] = {
		"{1} failed",
		"失敗 {1}" },
	[I18N_HREG_NOT_COMPARED] = {
		"{1} not compared",
		"比較対象外 {1}" },
	[I18N_HREG_NOT_ENABLED] = {
		"{1} not enabled",
		"未有効化 {1}" },
	[I18N_HEALTH_STALE] = {
		"The newest run collected nothing, so this report shows no "
		"changes: nothing older is presented as new. Data was last "
		"collected by run #{1} ({2}); the open problems below are as "
		"of that run.",
		"最新の実行では何も収集できなかったため、このレポートに変更は"
		"載せていません（以前の変更を新しいものとして扱うことはありま"
		"せん）。最後にデータを収集したのは実行 #{1}（{2}）で、下の未"
		"解決の問題はその時点のものです。" },
	[I18N_HEALTH_STALE_RANGE] = {
		"The newest run of the range collected nothing; the changes "
		"below were recorded before it. Data was last collected by "
		"run #{1} ({2}); the open problems below are as of that run.",
		"範囲の最後の実行では何も収集できませんでした。以下の変更はそ"
		"れより前に記録されたものです。最後にデータを収集したのは実行"
		" #{1}（{2}）で、下の未解決の問題はその時点のものです。" },
	[I18N_HEALTH_NO_DATA] = {
		"No run has collected any data yet.",
		"データを収集できた実行はまだありません。" },
	[I18N_HEALTH_FIRST] = {
		"This is the first run: its state was recorded as the "
		"baseline. Changes are reported from the next run on.",
		"初回の収集のため、今回の状態を比較の基準として記録しました。"
		"変更は次回から報告します。" },
	[I18N_REGION_BASELINE] = {
		"{1}: collected for the first time and recorded as the "
		"baseline; compared from the next run on.",
		"{1}: 初めて収集したため、比較の基準として記録しました。次回"
		"の収集から比較の対象になります。" },
	[I18N_R_FAILED_RUN] = {
		"Not collected successfully in run #{1}, the older run "
		"compared.",
		"比較元の実行 #{1} では収集に成功していません。" },
	[I18N_ST_BASELINE] = {
		"new (baseline)",
		"新規（基準）" },
	[I18N_ENTRY_COUNTS] = {
		"New: {1} (action: {2}, warning: {3}, information: {4}). "
		"Open problems: {5}.",
		"新しい変更: {1} 件（要対応 {2} 件、警告 {3} 件、参考情報 {4}"
		" 件）。未解決の問題: {5} 件。" },
	[I18N_NO_NEW_OPEN] = {
		"No new changes; {1} problems still open (see Open problems).",
		"新しい変更はありません。未解決の問題が {1} 件残っています（"
		"「未解決の問題」を参照）。" },
	[I18N_NO_NEW_NONE] = {
		"No new changes, and no open problems.",
		"新しい変更も未解決の問題もありません。" },
	[I18N_NOTHING_KNOWN] = {
		"Nothing is known of this account yet: no run has collected "
		"it, so there is nothing to compare and its problems are "
		"unknown.",
		"このアカウントについてはまだ何も分かっていません。収集でき"
		"た実行がないため、比較するものがなく、問題の有無も不明です。" },
	[I18N_OPEN_UNKNOWN] = {
		"Unknown until a run collects this account.",
		"このアカウントを収集できる実行があるまで不明です。" },
	[I18N_H_DIGEST] = {
		"At a glance",
		"一覧" },
	[I18N_DIGEST_LINE] = {
		"[{1}] {2} {3}: {5} - {4}/{6}",
		"[{1}] {2} {3}: {5} - {4}/{6}" },
	[I18N_DIGEST_FIELD] = {
		"{1}, {2} -> {3}",
		"{1}（{2} → {3}）" },
	[I18N_DIGEST_SEP] = {
		"; ",
		"、" },
	[I18N_REVERTED] = {
		"changed and reverted ({1})",
		"変更後に元に戻りました（{1}）" },
	[I18N_H_COUNTED] = {
		"{1} ({2})",
		"{1}（{2} 件）" },
	[I18N_ENTRY_HEADING] = {
		"[{1}] {2}",
		"[{1}] {2}" },
	[I18N_ENTRY_PATH] = {
		"Path: {1}",
		"対処の道筋: {1}" },
	[I18N_ENTRY_INFO] = {
		"[{1}] {2}: {3}",
		"[{1}] {2}: {3}" },
	[I18N_CASE_WHERE_REF] = {
		"Where to open it, and the permissions needed: see \"Opening "
		"a support case\" at the end of this report.",
		"起票先と必要な権限は、このレポート末尾の「サポートケースの起"
		"票」を参照してください。" },
	[I18N_H_CASE_HOWTO] = {
		"Opening a support case",
		"サポートケースの起票" },
	[I18N_CASE_REGION_DRAFT] = {
		"the region named in the draft",
		"下書きに記載のリージョン" },
	[I18N_H_OPEN] = {
		"Open problems",
		"未解決の問題" },
	[I18N_OPEN_INTRO] = {
		"These hold in the newest known state, whether or not "
		"anything changed: each kind of problem with its count, then "
		"its regions, each with the newest one named (problems with a "
		"model's lifecycle: the one with the earliest date, in UTC).",
		"以下は、変更の有無にかかわらず最新の状態で成り立っている問題"
		"です。問題の種類ごとに件数を示し、続けてリージョンごとに件数"
		"と最も新しいものを挙げます（モデルのライフサイクルに関する問題"
		"は、日付が最も早いものをその日付（UTC）とともに挙げます）。" },
	[I18N_OPEN_INTRO_FULL] = {
		"These hold in the newest known state, whether or not "
		"anything changed: each kind of problem with its count, then "
		"its regions, each with the newest one named (problems with a "
		"model's lifecycle: every model, with its dates in UTC).",
		"以下は、変更の有無にかかわらず最新の状態で成り立っている問題"
		"です。問題の種類ごとに件数を示し、続けてリージョンごとに件数"
		"と最も新しいものを挙げます（モデルのライフサイクルに関する問題"
		"は、すべてのモデルを UTC の日付とともに挙げます）。" },
	[I18N_OPEN_GROUP] = {
		"{1} {2}: {3}",
		"{1} {2}: {3}" },
	[I18N_OPEN_REGION_SINCE] = {
		"{1}: since run #{2}",
		"{1}: 実行 #{2} から" },
	[I18N_OPEN_REGION_ONE] = {
		"{1}: {2}",
		"{1}: {2}" },
	[I18N_OPEN_REGION] = {
		"{1}: {2}, newest {3}",
		"{1}: {2} 件、最新は {3}" },
	[I18N_GROUP_NOPATH] = {
		"No troubleshooting path",
		"該当する対処の道筋なし" },
	[I18N_OPEN_NAME] = {
		"{1} (run #{2})",
		"{1}（実行 #{2} から）" },
	[I18N_OPEN_MORE] = {
		"and {1} more",
		"ほか {1} 件" },
	[I18N_OPEN_NONE_LINE] = {
		"No open problems.",
		"未解決の問題はありません。" },
	[I18N_PROBLEM_OTHER] = {
		"{1} other problem(s)",
		"その他の問題 {1} 件" },
	[I18N_PROBLEM_NOT_AUTHORIZED] = {
		"{1} model(s) offered here but not enabled",
		"提供されているが有効化されていないモデル {1} 件" },
	[I18N_PROBLEM_ACCESS_UNCLEAR] = {
		"{1} model(s) without access, cause not known",
		"原因が分からないままアクセスできないモデル {1} 件" },
	[I18N_PROBLEM_ENTITLEMENT] = {
		"{1} model(s) this account is not entitled to",
		"利用資格が付与されていないモデル {1} 件" },
	[I18N_PROBLEM_AGREEMENT] = {
		"{1} model(s) whose agreement cannot be completed",
		"契約を完了できないモデル {1} 件" },
	[I18N_PROBLEM_AGREEMENT_PENDING] = {
		"{1} model(s) with a Marketplace subscription in progress",
		"Marketplace のサブスクリプションが処理中のモデル {1} 件" },
	[I18N_PROBLEM_REGION_UNAVAILABLE] = {
		"{1} model(s) listed but not offered in the region",
		"一覧にあるがこのリージョンで提供されていないモデル {1} 件" },
	[I18N_PROBLEM_UNKNOWN_VALUE] = {
		"{1} model(s) in a state no path names",
		"どの道筋にも当てはまらない状態のモデル {1} 件" },
	[I18N_PROBLEM_BELOW_DEFAULT] = {
		"{1} quota(s) below the AWS default",
		"AWS デフォルト値を下回るクォータ {1} 件" },
	[I18N_PROBLEM_REQUEST_OPEN] = {
		"{1} quota increase request(s) still pending",
		"処理中のクォータ引き上げリクエスト {1} 件" },
	[I18N_PROBLEM_REQUEST_DENIED] = {
		"{1} quota increase request(s) denied",
		"却下されたクォータ引き上げリクエスト {1} 件" },
	[I18N_PROBLEM_LEGACY] = {
		"{1} LEGACY model(s) still enabled: plan a migration",
		"移行の計画が必要な、有効なままの LEGACY モデル {1} 件" },
	[I18N_PROBLEM_REGION_FAILING] = {
		"{1} region(s) failing in every run",
		"毎回収集に失敗しているリージョン {1} 件" },
	[I18N_PROBLEM_EXTENDED_ACCESS] = {
		"{1} enabled model(s) entering public extended access (higher "
		"prices) within {2} days",
		"{2} 日以内にパブリック延長アクセス（料金が上がります）に入る"
		"有効なモデル {1} 件" },
	[I18N_PROBLEM_EXTENDED_ACCESS_REACHED] = {
		"{1} enabled model(s) in public extended access (higher "
		"prices)",
		"パブリック延長アクセス（料金が上がります）に入った有効なモデル"
		" {1} 件" },
	[I18N_PROBLEM_END_OF_LIFE] = {
		"{1} enabled model(s) reaching end of life within {2} days: "
		"move to another model before then",
		"{2} 日以内に提供終了を迎える有効なモデル {1} 件（それまでに別の"
		"モデルへ移行してください）" },
	[I18N_PROBLEM_END_OF_LIFE_REACHED] = {
		"{1} enabled model(s) past their end of life: calls to them "
		"fail",
		"提供終了日を過ぎた有効なモデル {1} 件（呼び出しは失敗します）" },
	[I18N_OPEN_DATED] = {
		"{1}: {2}: {3}",
		"{1}: {2}: {3}" },
	[I18N_OPEN_REGION_DATED] = {
		"{1}: {2}, the earliest {3}: {4}",
		"{1}: {2} 件、日付が最も早いものは {3}: {4}" },
	[I18N_LIFE_LEGACY] = {
		"legacy from {1}",
		"レガシー化 {1}" },
	[I18N_LIFE_EXTENDED] = {
		"public extended access from {1}",
		"パブリック延長アクセス開始 {1}" },
	[I18N_LIFE_END] = {
		"end of life on {1}",
		"提供終了 {1}" },
	[I18N_LIFE_NONE] = {
		"AWS gives no lifecycle dates",
		"AWS はライフサイクルの日付を示していません" },
	[I18N_NOTIFY_TITLE] = {
		"bedrock-audit run #{1}: {2}",
		"bedrock-audit 実行 #{1}: {2}" },
	[I18N_NOTIFY_SUBJECT] = {
		"bedrock-audit run #{1} {2}: action {3}, warning {4}, open {5}",
		"bedrock-audit 実行 #{1} {2}: 要対応 {3}、警告 {4}、未解決 {5}" },
	[I18N_NOTIFY_ST_COMPLETE] = {
		"complete",
		"完了" },
	[I18N_NOTIFY_ST_PARTIAL] = {
		"partial",
		"一部失敗" },
	[I18N_NOTIFY_ST_FAILED] = {
		"failed",
		"失敗" },
	[I18N_NOTIFY_MORE] = {
		"{1} more entries are in the full report.",
		"ほかの {1} 件は詳細レポートにあります。" },
	[I18N_NOTIFY_ARCHIVE] = {
		"Full report: {1}",
		"詳細レポート: {1}" },
	[I18N_NOTIFY_OPEN_REPORT] = {
		"Open the full report",
		"詳細レポートを開く" },
	[I18N_NOTIFY_CUT] = {
		"This message was shortened to fit; the full report: {1}",
		"このメッセージは長さの上限のため省略されています。詳細レポート: {1}" },
	[I18N_NOTIFY_REPORT_CMD] = {
		"run \"{1}\"",
		"「{1}」を実行してください" },
	[I18N_ENTRY_NUMBER] = {
		"[{1}]",
		"[{1}]" },
	[I18N_ENTRY_RANGE] = {
		"[{1}]-[{2}]",
		"[{1}]〜[{2}]" },
	[I18N_GROUP_HEADING] = {
		"{1}: {2}",
		"{1}: {2}" },
	[I18N_GROUP_SAME] = {
		"The steps are written for {1}; take them likewise for {2}, "
		"each in its own region.",
		"手順は {1} について書いています。{2} についても、それぞれの"
		"リージョンで同じように行ってください。" },
	[I18N_ENTRY_CASE] = {
		"Support case draft for {1} (to paste into the Support Center)",
		"{1} のサポートケースの下書き（サポートセンターに貼り付けて使"
		"います）" },
	[I18N_CASE_BY_COMMAND] = {
		"{2}: bedrock-audit case {1}",
		"{2}: bedrock-audit case {1}" },
	[I18N_CASE_MORE] = {
		"The drafts of the other entries are written by the command: "
		"{1}.",
		"ほかの項目の下書きは次のコマンドで出力できます: {1}。" },
	[I18N_INFO_LISTED] = {
		"Each is in the list at the top; none needs action.",
		"いずれも冒頭の一覧に載せています。対応は不要です。" },
	[I18N_ST_PARTIAL] = {
		"partial",
		"一部のみ収集" },
	[I18N_ST_NOT_ENABLED] = {
		"not enabled",
		"未有効化" },
	[I18N_REGION_PARTIAL] = {
		"{1}: partly collected; {5} unknown in this run, shown as "
		"last known. The most telling failure: {2}: {3}: {4}",
		"{1}: 一部のみ収集。今回確認できなかった {5} 件は前回までに"
		"確認した状態を表示しています。主な失敗: {2}: {3}: {4}" },
	[I18N_H_USAGE] = {
		"Usage against quotas (CloudWatch)",
		"クォータに対する使用量（CloudWatch）" },
	[I18N_USAGE_INTRO] = {
		"Per-minute usage, 14 days up to this run: 80% of a quota or more "
		"(suggested value: 1.5 times the peak, rounded up), and throttles "
		"below 80% (P5: not the quota). The JSON report has every one.",
		"この実行までの 14 日間の 1 分ごとの使用量: 適用値の 80% 以上"
		"（目安は最大値の 1.5 倍を切り上げた提案値）と、80% 未満での"
		"スロットリング（P5: 原因はクォータ以外）。全件は JSON レポートに"
		"あります。" },
	[I18N_USAGE_NEAR] = {
		"{1} {2} ({3}): peak {4} on {5} UTC, {7}% of {6}; "
		"suggested value {9}",
		"{1} {2}（{3}）: 最大 {4}（{5} UTC）、{6} の {7}%。目安 {9}" },
	[I18N_USAGE_THROTTLED_BELOW] = {
		"{1} {2} ({3}): throttled in {8} minute(s) below 80%; peak {4}"
		" on {5} UTC, {7}% of {6}",
		"{1} {2}（{3}）: 80% 未満で {8} 分間スロットリング。最大 {4}"
		"（{5} UTC）、{6} の {7}%" },
	[I18N_USAGE_THROTTLED_AT] = {
		"{1} {2} ({3}): throttled in {8} minute(s) at the quota; peak "
		"{4} on {5} UTC, {7}% of {6}; suggested value {9}",
		"{1} {2}（{3}）: 上限で {8} 分間スロットリング。最大 {4}"
		"（{5} UTC）、{6} の {7}%。目安 {9}" },
	[I18N_USAGE_TOKENS] = {
		"tokens/min",
		"トークン/分" },
	[I18N_USAGE_REQUESTS] = {
		"requests/min",
		"リクエスト/分" },
	[I18N_USAGE_TOKENS_APPROX] = {
		"tokens/min (input + output, approx.)",
		"トークン/分（入力＋出力の概算）" },
	[I18N_USAGE_MORE] = {
		"and {1} more",
		"ほか {1} 件" },
	[I18N_PROBLEM_USAGE_NEAR_QUOTA] = {
		"{1} quota(s) at 80% or more of their value (usage)",
		"使用量が 80% 以上に達したクォータ {1} 件" },
	[I18N_PROBLEM_THROTTLED_BELOW_QUOTA] = {
		"{1} quota(s) throttled below 80% of their value",
		"80% 未満でスロットリングされたクォータ {1} 件" },
	[I18N_PROBLEM_THROTTLED_AT_QUOTA] = {
		"{1} quota(s) throttled at their value",
		"上限でスロットリングされたクォータ {1} 件" },
	[I18N_H_CLOSEST] = {
		"Quotas closest to their limit (CloudWatch)",
		"上限に最も近いクォータ（CloudWatch）" },
	[I18N_CLOSEST_INTRO] = {
		"The quotas whose peak per-minute usage over the 14 days up to "
		"this run (UTC days) came closest to the applied value, at most "
		"five.",
		"この実行までの 14 日間（UTC の日単位）で、1 分あたりの最大"
		"使用量が適用値に最も近づいたクォータです（最大 5 件）。" },
	[I18N_CLOSEST_LINE] = {
		"{1} ({2}, {3}): {8}% of {7}: peak {4} {5} on {6} UTC",
		"{1}（{2}、{3}）: クォータ {7} の {8}%（最大 {4} {5}、{6} UTC）" },
	[I18N_HEALTH_USAGE_UNKNOWN] = {
		"{1}: usage unknown in this run ({2} failed: {3}); the rest of "
		"the region is recorded",
		"{1}: 今回は使用量が不明です（{2} が失敗: {3}）。リージョンの"
		"その他の情報は記録済みです" },
	[I18N_HEALTH_USAGE_DENIED] = {
		"{1}: usage unknown in this run ({2} failed: {3}); the rest of "
		"the region is recorded. Allow the IAM action {4} to read it",
		"{1}: 今回は使用量が不明です（{2} が失敗: {3}）。リージョンの"
		"その他の情報は記録済みです。取得するには IAM アクション {4} を"
		"許可してください" },
	[I18N_REGION_NOT_ENABLED] = {
		"{1}: not enabled for this account (an opt-in region); "
		"nothing to collect",
		"{1}: このアカウントでは有効になっていないオプトイン"
		"リージョンです。収集対象はありません" },
	[I18N_H_CHARTS] = {
		"Charts",
		"グラフ" },
	[I18N_CHART_MATRIX] = {
		"Model access by region (this account)",
		"リージョン別のモデルアクセス（このアカウント）" },
	[I18N_CHART_MATRIX_NOTE] = {
		"A cell with a thick outline changed in this report's range. {1} models in {2} regions.",
		"太い枠のセルは、このレポートの期間に変化したものです。{2} リージョン、{1} モデル。" },
	[I18N_ACCESS_AUTHORIZED] = {
		"access granted",
		"アクセス可" },
	[I18N_ACCESS_NOT_AUTHORIZED] = {
		"not authorized",
		"アクセス未承認" },
	[I18N_ACCESS_NOT_ENTITLED] = {
		"not entitled",
		"利用資格なし" },
	[I18N_ACCESS_AGREEMENT] = {
		"agreement problem",
		"契約に問題あり" },
	[I18N_ACCESS_NOT_OFFERED] = {
		"not offered in the region",
		"このリージョンでは提供なし" },
	[I18N_ACCESS_UNKNOWN] = {
		"unknown state",
		"状態不明" },
	[I18N_CHART_QUOTAS] = {
		"Quota values over the runs",
		"クォータ値の推移" },
	[I18N_CHART_QUOTAS_NOTE] = {
		"Quotas that changed in this range or have an open problem: the applied value and the AWS default over every run in the database, each change labelled.",
		"この期間に変化したクォータと、未解決の問題があるクォータです。データベース内のすべての実行について適用値と AWS のデフォルト値を示し、変化した点に値を記しています。" },
	[I18N_CHART_APPLIED] = {
		"applied value",
		"適用値" },
	[I18N_CHART_DEFAULT] = {
		"AWS default",
		"AWS デフォルト値" },
	[I18N_CHART_USAGE] = {
		"Peak usage against quota",
		"クォータに対するピーク使用量" },
	[I18N_CHART_USAGE_LINE] = {
		"80% of the quota",
		"クォータの 80%" },
	[I18N_CHART_USAGE_BAR] = {
		"{1}: peak {2} per minute, {3}% of {4}",
		"{1}: ピーク時 毎分 {2}（クォータ {4} の {3}%）" },
	[I18N_CHART_TIMELINE] = {
		"Changes per day",
		"日ごとの変更件数" },
	[I18N_CHART_TIMELINE_NOTE] = {
		"Changes first seen on each day of the range (UTC), by severity.",
		"期間中の各日（UTC）に初めて検出された変更の件数を、重要度別に示します。" },
	[I18N_CHART_DAY] = {
		"{1}: {2} action, {3} warning, {4} info",
		"{1}: 対応 {2} 件、警告 {3} 件、情報 {4} 件" },
	[I18N_CHART_DAY_UNSEEN] = {
		"{1}: no run recorded data, so its changes are unknown",
		"{1}: データを記録した実行がないため、変更は不明です" },
	[I18N_CHART_UNSEEN] = {
		"No data",
		"データなし" },
	[I18N_CHART_UNSEEN_NOTE] = {
		"A dashed box is a day on which no run recorded data: what changed "
		"that day is unknown, and is counted on the day of the next run "
		"that recorded data.",
		"破線の枠は、データを記録した実行がなかった日です。その日の変更は"
		"不明で、次にデータを記録した日に表示されます。" },
	[I18N_COPY] = {
		"Copy",
		"コピー" },
	[I18N_COPIED] = {
		"Copied",
		"コピーしました" },
	[I18N_TITLE_ARCHIVE] = {
		"Bedrock audit: daily reports",
		"Bedrock 監査: 日次レポート" },
	[I18N_ARCHIVE_INTRO] = {
		"One page per day, for the newest run of that day (UTC). Each day also has its Markdown and JSON report.",
		"1 日 1 ページで、その日（UTC）の最新の実行のレポートです。各日に Markdown 版と JSON 版もあります。" },
	[I18N_COL_DATE] = {
		"Date",
		"日付" },
	[I18N_COL_RUN] = {
		"Run",
		"実行" },
	[I18N_COL_FILES] = {
		"Other formats",
		"他の形式" },
	[I18N_WD_MON] = {
		"Mon",
		"月" },
	[I18N_WD_TUE] = {
		"Tue",
		"火" },
	[I18N_WD_WED] = {
		"Wed",
		"水" },
	[I18N_WD_THU] = {
		"Thu",
		"木" },
	[I18N_WD_FRI] = {
		"Fri",
		"金" },
	[I18N_WD_SAT] = {
		"Sat",
		"土" },
	[I18N_WD_SUN] = {
		"Sun",
		"日" },
	[I18N_ARCHIVE_DAY] = {
		"{1}: {2} action, {3} warning; run #{4}, {5}",
		"{1}: 対応 {2} 件、警告 {3} 件。実行 #{4}: {5}" },
	[I18N_TITLE_ORG] = {
		"Bedrock audit: organization report",
		"Bedrock 監査: 組織レポート" },
	[I18N_ORG_INTRO] = {
		"One report for every account of the database: what the "
		"newest run covered first, then the changes seen in several "
		"accounts once each, then each account's own changes, then "
		"the open problems counted per account. The advice and the "
		"case drafts of one account: {1}.",
		"データベースのすべてのアカウントをまとめたレポートです。最初"
		"に最新の実行で収集できた範囲、次に複数のアカウントで見られた"
		"変更（それぞれ 1 回だけ）、続いてアカウントごとの変更、最"
		"後にアカウント別の未解決の問題の件数を示します。1 つのアカ"
		"ウントの対処方法とケースの下書き: {1}" },
	[I18N_H_COVERAGE] = {
		"Coverage",
		"収集の範囲" },
	[I18N_ORG_ACCOUNTS] = {
		"Accounts: {1} known; the newest run collected {2}, skipped "
		"{3} and could not collect {4}.",
		"アカウント: 既知 {1} 件。最新の実行では {2} 件を"
		"収集、{3} 件をスキップ、{4} 件は収集できませんでした"
		"。" },
	[I18N_ORG_SKIPPED] = {
		"{1}: skipped, its Organizations status is {2}",
		"{1}: スキップ（Organizations でのステータ"
		"スは {2}）" },
	[I18N_ORG_FAILED] = {
		"{1}: not collected: {2} failed: {3}: {4}",
		"{1}: 収集できませんでした: {2} が失敗: {3}:"
		" {4}" },
	[I18N_ORG_NOT_NAMED] = {
		"{1}: not part of the newest run; what this report shows of "
		"it is from earlier runs",
		"{1}: 最新の実行の対象外でした。このレポートに示す内容は"
		"以前の実行のものです" },
	[I18N_ORG_NOT_NAMED_UNKNOWN] = {
		"{1}: not part of the newest run, and no run has collected it "
		"yet",
		"{1}: 最新の実行の対象外で、これまでに収集できた実行もありませ"
		"ん" },
	[I18N_ORG_FIX_TRUST] = {
		"Fix: the role must exist in that account, its trust policy "
		"must allow the caller's principal, and the caller needs "
		"sts:AssumeRole on it.",
		"対処: そのアカウントにロールが存在し、信頼ポリシーで呼び出"
		"し元のプリンシパルを許可する必要があります。呼び出し元には"
		"、そのロールに対する sts:AssumeRole も必要です。" },
	[I18N_ORG_FIX_EXTERNAL_ID] = {
		"Fix: the role must exist in that account, its trust policy "
		"must allow the caller's principal with an sts:ExternalId "
		"condition equal to the --external-id sent (a wrong external "
		"ID is refused the same way), and the caller needs "
		"sts:AssumeRole on it.",
		"対処: そのアカウントにロールが存在し、信頼ポリシーで呼び出"
		"し元のプリンシパルを、送信した --external-id と同じ値の "
		"sts:ExternalId 条件付きで許可する必要があります（外部 ID "
		"が誤っている場合も同じように拒否されます）。呼び出し元には"
		"、そのロールに対する sts:AssumeRole も必要です。" },
	[I18N_ORG_FIX_TRUST_ANY] = {
		"Fix: the role must exist in that account, its trust policy "
		"must allow the caller's principal (with the sts:ExternalId "
		"condition equal to --external-id, if it has one), and the "
		"caller needs sts:AssumeRole on it.",
		"対処: そのアカウントにロールが存在し、信頼ポリシーで呼び出"
		"し元のプリンシパルを許可する必要があります（sts:Exte"
		"rnalId 条件がある場合は --external-id "
		"と同じ値）。呼び出し元には、そのロールに対する sts:As"
		"sumeRole も必要です。" },
	[I18N_ORG_FIX_CALLER] = {
		"Fix: STS refused the caller's own credentials; fix them "
		"(check with {1}).",
		"対処: STS が呼び出し元自身の認証情報を拒否しました。認"
		"証情報を修正してください（確認: {1}）。" },
	[I18N_ORG_FIX_REGION] = {
		"Fix: activate STS in the caller's region (IAM account "
		"settings) or use another --region.",
		"対処: 呼び出し元のリージョンで STS を有効にする（IA"
		"M のアカウント設定）か、別の --region を指定して"
		"ください。" },
	[I18N_ORG_FIX_LATER] = {
		"STS did not answer or was busy: the next run tries again.",
		"STS が応答しないか混雑していました。次回の実行で再試行し"
		"ます。" },
	[I18N_ORG_FIX_OTHER] = {
		"Fix: see the error message above.",
		"対処: 上のエラーメッセージを確認してください。" },
	[I18N_ORG_GAPS_NONE] = {
		"Every collected account's every region was collected.",
		"収集したすべてのアカウントで、すべてのリージョンを収集できま"
		"した。" },
	[I18N_ORG_GAPS_INTRO] = {
		"Regions not collected in full ({1} regions in the newest "
		"run; only accounts and regions with a gap):",
		"完全には収集できなかったリージョン（最新の実行のリージョン数"
		"は {1}。欠けのあるアカウントとリージョンのみ）:" },
	[I18N_COL_ACCOUNT] = {
		"Account",
		"アカウント" },
	[I18N_ORG_MISSING] = {
		"missing",
		"未収集" },
	[I18N_H_ORG_SHARED] = {
		"Changes seen in several accounts",
		"複数のアカウントで見られた変更" },
	[I18N_ORG_SEEN] = {
		"Seen in {1} of {2} accounts: {3}",
		"{2} アカウント中 {1} アカウントで確認: {3}" },
	[I18N_ORG_DIFFERED] = {
		"Differed in {1} ({2} {3}): {4}",
		"{1} では異なる内容（{2} {3}）: {4}" },
	[I18N_ORG_ABSENT] = {
		"Not seen in: {1}",
		"確認されなかったアカウント: {1}" },
	[I18N_H_ORG_OWN] = {
		"Changes seen in one account",
		"1 つのアカウントだけで見られた変更" },
	[I18N_H_ORG_ACCOUNT] = {
		"Account {1}",
		"アカウント {1}" },
	[I18N_ORG_NO_CHANGES] = {
		"No account has new changes in this range.",
		"この範囲で新しい変更のあるアカウントはありません。" },
	[I18N_H_ORG_OPEN] = {
		"Open problems by account and path",
		"アカウント別・パス別の未解決の問題" },
	[I18N_ORG_OPEN_NONE] = {
		"No account has an open problem.",
		"未解決の問題があるアカウントはありません。" },
	[I18N_ORG_OPEN_NONE_KNOWN] = {
		"No account that a run has collected has an open problem.",
		"これまでに収集できたアカウントには、未解決の問題はあり"
		"ません。" },
	[I18N_ORG_OPEN_UNKNOWN] = {
		"Not known for {1}: no run has collected it yet, so its "
		"problems are unknown (not none).",
		"{1} は、まだどの実行も収集していないため、問題の有無は不明"
		"です（問題がないという意味ではありません）。" },
	[I18N_COL_TOTAL] = {
		"Total",
		"合計" },
	[I18N_COL_P1] = {
		"P1",
		"P1" },
	[I18N_COL_P2] = {
		"P2",
		"P2" },
	[I18N_COL_P3] = {
		"P3",
		"P3" },
	[I18N_COL_P4] = {
		"P4",
		"P4" },
	[I18N_COL_P5] = {
		"P5",
		"P5" },
	[I18N_COL_P6] = {
		"P6",
		"P6" },
	[I18N_ORG_RUN] = {
		"Newest run: #{1}, started {2}, finished {3}: {4}.",
		"最新の実行: #{1}（開始 {2}、終了 {3}）: {4}。" },
	[I18N_ORG_RUN_COMPLETE] = {
		"every account and region collected",
		"すべてのアカウントとリージョンを収集" },
	[I18N_ORG_RUN_PARTIAL] = {
		"some accounts or regions were not collected",
		"収集できなかったアカウントまたはリージョンあり" },
	[I18N_ORG_RUN_FAILED] = {
		"nothing was collected",
		"何も収集できませんでした" },
	[I18N_COL_OTHER] = {
		"Other",
		"その他" },
	[I18N_TITLE_ORG_STATUS] = {
		"Bedrock audit: organization, current state",
		"Bedrock 監査: 組織の現在の状態" },
	[I18N_ORG_INTRO_STATUS] = {
		"One view of every account of the database: what the newest "
		"run covered, then the open problems counted per account. "
		"The details of one account: {1}.",
		"データベースのすべてのアカウントをまとめた表示です。最新の実"
		"行で収集できた範囲と、アカウント別の未解決の問題の件数を示し"
		"ます。1 つのアカウントの詳細: {1}" },
};

static const char *const lang_names[I18N_LANG__COUNT] = {
	[I18N_LANG_EN] = "en",
	[I18N_LANG_JA] = "ja",
};

const char *
i18n_get(enum i18n_msg m, enum i18n_lang lang)
{
	const char	*s;

	if ((unsigned)m >= I18N__COUNT || (unsigned)lang >= I18N_LANG__COUNT)
		return "";
	s = catalogue[m][lang];
	return s != NULL ? s : "";
}

const char *
i18n_lang_name(enum i18n_lang lang)
{
	return (unsigned)lang < I18N_LANG__COUNT ? lang_names[lang] : "en";
}

int
i18n_lang_parse(const char *s, enum i18n_lang *out)
{
	int	i;

	for (i = 0; s != NULL && i < I18N_LANG__COUNT; i++)
		if (strcmp(s, lang_names[i]) == 0) {
			*out = (enum i18n_lang)i;
			return 0;
		}
	return -1;
}

/* The argument number of a placeholder "{n}" at "p" (1-9), or 0. */
static size_t
placeholder_at(const char *p)
{
	if (p[0] == '{' && p[1] >= '1' && p[1] <= '0' + I18N_MAX_ARGS &&
	    p[2] == '}')
		return (size_t)(p[1] - '0');
	return 0;
}

void
i18n_expand(const char *tmpl, size_t nargs,
    void (*lit)(void *ctx, const char *text, size_t len),
    void (*arg)(void *ctx, size_t idx), void *ctx)
{
	const char	*p, *start;
	size_t		 n;

	for (p = start = tmpl; *p != '\0'; p++) {
		if ((n = placeholder_at(p)) == 0 || n > nargs)
			continue;
		if (p > start)
			lit(ctx, start, (size_t)(p - start));
		arg(ctx, n - 1);
		p += 2;
		start = p + 1;
	}
	if (p > start)
		lit(ctx, start, (size_t)(p - start));
}

unsigned int
i18n_placeholders(const char *tmpl)
{
	unsigned int	 mask = 0;
	size_t		 n;

	for (; *tmpl != '\0'; tmpl++)
		if ((n = placeholder_at(tmpl)) != 0)
			mask |= 1U << (n - 1);
	return mask;
}
