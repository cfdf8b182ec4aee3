/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation PlaceFiltered($filter: AccountFilter!, $agencyId: ID!, $days: Int, $rate: String) {\n    placeAccounts(filter: $filter, agencyId: $agencyId, recallAfterDays: $days, commissionRate: $rate)\n  }\n": typeof types.PlaceFilteredDocument,
    "\n  mutation RecallFiltered($filter: AccountFilter!, $agencyId: ID!) {\n    recallAccounts(filter: $filter, agencyId: $agencyId)\n  }\n": typeof types.RecallFilteredDocument,
    "\n  query Accounts($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalRef\n          status\n          bucket\n          daysPastDue\n          balance {\n            amount\n            currency\n          }\n          debtor {\n            name\n            documentId\n          }\n          agency {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountsDocument,
    "\n  query AccountAgencies {\n    agencies {\n      id\n      name\n      partner\n    }\n  }\n": typeof types.AccountAgenciesDocument,
    "\n  query Case($id: ID!) {\n    account(id: $id) {\n      id\n      externalRef\n      status\n      bucket\n      daysPastDue\n      dueDate\n      balance {\n        amount\n        currency\n      }\n      originalAmount {\n        amount\n        currency\n      }\n      agency {\n        name\n      }\n      debtor {\n        name\n        documentId\n        phones\n        emails\n        timeZone\n        doNotContact\n      }\n      propensity {\n        score\n        factors {\n          factor\n          effect\n          detail\n          params {\n            bucket\n            days\n            count\n          }\n        }\n      }\n      queuePlace {\n        queue {\n          name\n          campaign {\n            name\n          }\n        }\n        score\n        expectedRecovery {\n          amount\n          currency\n        }\n        variant\n        nextAttemptAt\n        skippedBecause\n        reservedBy {\n          name\n        }\n      }\n      contactCheck {\n        allowed\n        reasons\n        nextOpportunity\n      }\n      interactions {\n        id\n        startedAt\n        channel\n        disposition\n        durationSeconds\n        agent {\n          name\n        }\n        promise {\n          id\n          amount {\n            amount\n            currency\n          }\n          dueDate\n          status\n        }\n      }\n      promises {\n        id\n        amount {\n          amount\n          currency\n        }\n        dueDate\n        status\n      }\n      payments {\n        id\n        amount {\n          amount\n          currency\n        }\n        paidAt\n        reference\n      }\n      offers {\n        kind\n        amount {\n          amount\n          currency\n        }\n        instalments\n        instalmentAmount {\n          amount\n          currency\n        }\n        discountRate\n        validUntil\n        description\n        balance {\n          amount\n          currency\n        }\n        discount {\n          amount\n          currency\n        }\n        firstInstalment {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": typeof types.CaseDocument,
    "\n  query PartnerAgencies {\n    agencies {\n      id\n      code\n      name\n      partner\n    }\n  }\n": typeof types.PartnerAgenciesDocument,
    "\n  query AgencyRow($agencyId: ID!, $from: Date!, $to: Date!) {\n    placementSummary(agencyId: $agencyId) {\n      active\n      recallsDueIn7Days\n      pendingExtensionRequests\n    }\n    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {\n      placedAccounts\n      collected {\n        amount\n        currency\n      }\n      commission {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.AgencyRowDocument,
    "\n  query ExtensionRequests {\n    placementExtensionRequests(status: PENDING) {\n      id\n      days\n      reason\n      requestedAt\n      placement {\n        id\n        recallDate\n        agency {\n          name\n        }\n        account {\n          externalRef\n        }\n      }\n    }\n  }\n": typeof types.ExtensionRequestsDocument,
    "\n  mutation DecidePlacementExtension($requestId: ID!, $approve: Boolean!) {\n    decidePlacementExtension(requestId: $requestId, approve: $approve) {\n      id\n      status\n    }\n  }\n": typeof types.DecidePlacementExtensionDocument,
    "\n  query AgencyComparison($from: Date!, $to: Date!) {\n    agencyComparison(from: $from, to: $to) {\n      currency\n      rows {\n        agency {\n          id\n          name\n        }\n        inHouse\n        bucket\n        balanceBand\n        accounts\n        recoveryRate\n        contactRate\n        promisesKeptRate\n        collectedPerAccount {\n          amount\n          currency\n        }\n      }\n      totals {\n        agency {\n          id\n          name\n        }\n        inHouse\n        accounts\n        recoveryRate\n        contactRate\n        promisesKeptRate\n        collectedPerAccount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": typeof types.AgencyComparisonDocument,
    "\n  query AgencyPlacements($agencyId: ID, $status: PlacementStatus, $recallBy: Date, $buckets: [AgingBucket!]) {\n    placements(agencyId: $agencyId, status: $status, recallBy: $recallBy, buckets: $buckets, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          placedAt\n          recallDate\n          commissionRate\n          endReason\n          account {\n            id\n            externalRef\n            bucket\n            balance {\n              amount\n              currency\n            }\n            debtor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AgencyPlacementsDocument,
    "\n  query PlacementSummary($agencyId: ID) {\n    placementSummary(agencyId: $agencyId) {\n      active\n      recallsDueIn7Days\n      pendingExtensionRequests\n    }\n  }\n": typeof types.PlacementSummaryDocument,
    "\n  query AgencyStatement($agencyId: ID!, $from: Date!, $to: Date!) {\n    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {\n      from\n      to\n      placedAccounts\n      payments\n      reversals\n      collected {\n        amount\n        currency\n      }\n      commission {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.AgencyStatementDocument,
    "\n  mutation RequestPlacementExtension($placementId: ID!, $days: Int!, $reason: String!) {\n    requestPlacementExtension(placementId: $placementId, days: $days, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.RequestPlacementExtensionDocument,
    "\n  mutation ReturnAccount($accountId: ID!, $reason: ReturnReason!, $note: String) {\n    returnAccount(accountId: $accountId, reason: $reason, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.ReturnAccountDocument,
    "\n  fragment AgentRow on Agent {\n    id\n    name\n    status\n    statusSince\n    agency {\n      code\n      name\n    }\n    queue {\n      id\n      name\n      campaign {\n        id\n        name\n      }\n    }\n    performance(window: TODAY) {\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      amountPromised {\n        amount\n        currency\n      }\n      amountCollected {\n        amount\n        currency\n      }\n      promisesKeptRate\n      attemptsPerLoggedInHour\n      averageHandleSeconds\n      occupancy\n      loggedInSeconds\n      contactsLastHour\n    }\n  }\n": typeof types.AgentRowFragmentDoc,
    "\n  query Agents {\n    agents {\n      ...AgentRow\n    }\n    campaigns(status: RUNNING) {\n      id\n    }\n  }\n": typeof types.AgentsDocument,
    "\n  subscription AgentsLive($campaignId: ID!) {\n    agentUpdated(campaignId: $campaignId) {\n      ...AgentRow\n    }\n  }\n": typeof types.AgentsLiveDocument,
    "\n  query AnalyticsOptions {\n    campaigns {\n      id\n      name\n    }\n    agencies {\n      id\n      name\n    }\n  }\n": typeof types.AnalyticsOptionsDocument,
    "\n  query Analytics($filter: AnalyticsFilter!, $from: Date!, $to: Date!, $agencyId: ID, $minAttempts: Int!) {\n    contactHeatmap(filter: $filter) {\n      channel\n      weekday\n      hour\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      collected {\n        amount\n        currency\n      }\n      collectedPerAttempt {\n        amount\n        currency\n      }\n    }\n    bestHours(filter: $filter, minAttempts: $minAttempts, limit: 5) {\n      channel\n      weekday\n      hour\n      attempts\n      rpcRate\n      promiseRate\n    }\n    attemptIntensity(filter: $filter) {\n      attemptNumber\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      orMore\n    }\n    scriptEffectiveness(filter: $filter) {\n      script\n      campaignNames\n      accounts\n      attempts\n      rightPartyContacts\n      promises\n      rpcRate\n      promiseRate\n      amountCollected {\n        amount\n        currency\n      }\n    }\n    rollRates(from: $from, to: $to, agencyId: $agencyId) {\n      fromBucket\n      toBucket\n      accounts\n      accountShare\n      balanceShare\n      paidOffAccounts\n    }\n    liquidationRates(from: $from, to: $to, agencyId: $agencyId) {\n      bucket\n      accounts\n      rate\n      balanceAtStart {\n        amount\n        currency\n      }\n      collected {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.AnalyticsDocument,
    "\n  query ChampionChallenger($campaignId: ID!) {\n    championChallenger(campaignId: $campaignId) {\n      campaign {\n        id\n        name\n      }\n      champion {\n        ...VariantFigures\n      }\n      challenger {\n        ...VariantFigures\n      }\n      difference\n      confidenceLow\n      confidenceHigh\n      significant\n      statement\n    }\n  }\n\n  fragment VariantFigures on VariantResult {\n    variant\n    script\n    accounts\n    attempts\n    contacts\n    rightPartyContacts\n    promises\n    contactRate\n    rpcRate\n    promiseRate\n    amountCollected {\n      amount\n      currency\n    }\n  }\n": typeof types.ChampionChallengerDocument,
    "\n  fragment CampaignRow on Campaign {\n    id\n    name\n    status\n    channel\n    dailyTarget {\n      amount\n      currency\n    }\n    queues {\n      id\n      size\n      remaining\n    }\n    kpis(window: TODAY) {\n      asOf\n      attempts\n      contactRate\n      promiseRate\n      promisesKeptRate\n      amountCollected {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.CampaignRowFragmentDoc,
    "\n  query Campaigns {\n    campaigns {\n      ...CampaignRow\n    }\n  }\n": typeof types.CampaignsDocument,
    "\n  query CampaignAgencies {\n    agencies {\n      id\n      code\n      name\n      partner\n    }\n  }\n": typeof types.CampaignAgenciesDocument,
    "\n  query SegmentCount($filter: AccountFilter!) {\n    accounts(filter: $filter, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.SegmentCountDocument,
    "\n  mutation StartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      ...CampaignRow\n    }\n  }\n": typeof types.StartCampaignDocument,
    "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      ...CampaignRow\n    }\n  }\n": typeof types.PauseCampaignDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignRow\n    }\n  }\n": typeof types.CreateCampaignDocument,
    "\n  fragment Kpis on Kpis {\n    asOf\n    attempts\n    contacts\n    rightPartyContacts\n    promises\n    promisesKept\n    promisesBroken\n    promisesPartiallyKept\n    contactRate\n    rpcRate\n    promiseRate\n    promisesKeptRate\n    youngDebtRecoveryRate\n    amountPromised {\n      amount\n      currency\n    }\n    amountCollected {\n      amount\n      currency\n    }\n    recoveryByBucket {\n      bucket\n      rate\n      collected {\n        amount\n        currency\n      }\n      outstandingAtStart {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.KpisFragmentDoc,
    "\n  query FloorCampaigns {\n    campaigns {\n      id\n      name\n      status\n      dailyTarget {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.FloorCampaignsDocument,
    "\n  query FloorKpis($scope: KpiScope!) {\n    kpis(scope: $scope, window: TODAY) {\n      ...Kpis\n    }\n  }\n": typeof types.FloorKpisDocument,
    "\n  query FloorTrend($scope: KpiScope!, $step: Int) {\n    kpiTrend(scope: $scope, stepMinutes: $step) {\n      from\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      promisesKeptRate\n      youngDebtRecoveryRate\n      amountPromised {\n        amount\n        currency\n      }\n      amountCollected {\n        amount\n        currency\n      }\n    }\n  }\n": typeof types.FloorTrendDocument,
    "\n  subscription FloorLive($scope: KpiScope!) {\n    kpiUpdated(scope: $scope, window: TODAY) {\n      ...Kpis\n    }\n  }\n": typeof types.FloorLiveDocument,
    "\n  fragment BoardQueue on WorkQueue {\n    id\n    name\n    paused\n    priority\n    size\n    remaining\n    minutesToExhaust\n    campaign {\n      id\n      name\n    }\n    agents {\n      id\n      name\n      status\n    }\n    lastHour: kpis(window: LAST_HOUR) {\n      attempts\n      asOf\n    }\n    today: kpis(window: TODAY) {\n      contactRate\n      asOf\n    }\n  }\n": typeof types.BoardQueueFragmentDoc,
    "\n  query RunningCampaigns {\n    campaigns(status: RUNNING) {\n      id\n      name\n    }\n  }\n": typeof types.RunningCampaignsDocument,
    "\n  query Board($campaignId: ID!) {\n    workQueues(campaignId: $campaignId) {\n      ...BoardQueue\n    }\n  }\n": typeof types.BoardDocument,
    "\n  subscription BoardLive($campaignId: ID!) {\n    queueUpdated(campaignId: $campaignId) {\n      ...BoardQueue\n    }\n  }\n": typeof types.BoardLiveDocument,
    "\n  mutation AssignAgents($agentIds: [ID!]!, $queueId: ID!) {\n    assignAgents(agentIds: $agentIds, queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n": typeof types.AssignAgentsDocument,
    "\n  mutation MoveAccounts($from: ID!, $to: ID!, $count: Int!) {\n    moveAccounts(fromQueueId: $from, toQueueId: $to, count: $count)\n  }\n": typeof types.MoveAccountsDocument,
    "\n  mutation PauseQueue($queueId: ID!) {\n    pauseQueue(queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n": typeof types.PauseQueueDocument,
    "\n  mutation ResumeQueue($queueId: ID!) {\n    resumeQueue(queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n": typeof types.ResumeQueueDocument,
    "\n  mutation SetQueuePriority($queueId: ID!, $priority: Int!) {\n    setQueuePriority(queueId: $queueId, priority: $priority) {\n      ...BoardQueue\n    }\n  }\n": typeof types.SetQueuePriorityDocument,
    "\n  query DemoTime {\n    operation {\n      now\n      demoClock {\n        active\n        offsetMs\n      }\n    }\n  }\n": typeof types.DemoTimeDocument,
    "\n  query Viewer {\n    me {\n      role\n      agency {\n        id\n        code\n        name\n      }\n    }\n    operation {\n      timeZone\n      currency\n      businessDate\n      now\n      demoClock {\n        active\n        offsetMs\n      }\n    }\n  }\n": typeof types.ViewerDocument,
};
const documents: Documents = {
    "\n  mutation PlaceFiltered($filter: AccountFilter!, $agencyId: ID!, $days: Int, $rate: String) {\n    placeAccounts(filter: $filter, agencyId: $agencyId, recallAfterDays: $days, commissionRate: $rate)\n  }\n": types.PlaceFilteredDocument,
    "\n  mutation RecallFiltered($filter: AccountFilter!, $agencyId: ID!) {\n    recallAccounts(filter: $filter, agencyId: $agencyId)\n  }\n": types.RecallFilteredDocument,
    "\n  query Accounts($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalRef\n          status\n          bucket\n          daysPastDue\n          balance {\n            amount\n            currency\n          }\n          debtor {\n            name\n            documentId\n          }\n          agency {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AccountsDocument,
    "\n  query AccountAgencies {\n    agencies {\n      id\n      name\n      partner\n    }\n  }\n": types.AccountAgenciesDocument,
    "\n  query Case($id: ID!) {\n    account(id: $id) {\n      id\n      externalRef\n      status\n      bucket\n      daysPastDue\n      dueDate\n      balance {\n        amount\n        currency\n      }\n      originalAmount {\n        amount\n        currency\n      }\n      agency {\n        name\n      }\n      debtor {\n        name\n        documentId\n        phones\n        emails\n        timeZone\n        doNotContact\n      }\n      propensity {\n        score\n        factors {\n          factor\n          effect\n          detail\n          params {\n            bucket\n            days\n            count\n          }\n        }\n      }\n      queuePlace {\n        queue {\n          name\n          campaign {\n            name\n          }\n        }\n        score\n        expectedRecovery {\n          amount\n          currency\n        }\n        variant\n        nextAttemptAt\n        skippedBecause\n        reservedBy {\n          name\n        }\n      }\n      contactCheck {\n        allowed\n        reasons\n        nextOpportunity\n      }\n      interactions {\n        id\n        startedAt\n        channel\n        disposition\n        durationSeconds\n        agent {\n          name\n        }\n        promise {\n          id\n          amount {\n            amount\n            currency\n          }\n          dueDate\n          status\n        }\n      }\n      promises {\n        id\n        amount {\n          amount\n          currency\n        }\n        dueDate\n        status\n      }\n      payments {\n        id\n        amount {\n          amount\n          currency\n        }\n        paidAt\n        reference\n      }\n      offers {\n        kind\n        amount {\n          amount\n          currency\n        }\n        instalments\n        instalmentAmount {\n          amount\n          currency\n        }\n        discountRate\n        validUntil\n        description\n        balance {\n          amount\n          currency\n        }\n        discount {\n          amount\n          currency\n        }\n        firstInstalment {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": types.CaseDocument,
    "\n  query PartnerAgencies {\n    agencies {\n      id\n      code\n      name\n      partner\n    }\n  }\n": types.PartnerAgenciesDocument,
    "\n  query AgencyRow($agencyId: ID!, $from: Date!, $to: Date!) {\n    placementSummary(agencyId: $agencyId) {\n      active\n      recallsDueIn7Days\n      pendingExtensionRequests\n    }\n    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {\n      placedAccounts\n      collected {\n        amount\n        currency\n      }\n      commission {\n        amount\n        currency\n      }\n    }\n  }\n": types.AgencyRowDocument,
    "\n  query ExtensionRequests {\n    placementExtensionRequests(status: PENDING) {\n      id\n      days\n      reason\n      requestedAt\n      placement {\n        id\n        recallDate\n        agency {\n          name\n        }\n        account {\n          externalRef\n        }\n      }\n    }\n  }\n": types.ExtensionRequestsDocument,
    "\n  mutation DecidePlacementExtension($requestId: ID!, $approve: Boolean!) {\n    decidePlacementExtension(requestId: $requestId, approve: $approve) {\n      id\n      status\n    }\n  }\n": types.DecidePlacementExtensionDocument,
    "\n  query AgencyComparison($from: Date!, $to: Date!) {\n    agencyComparison(from: $from, to: $to) {\n      currency\n      rows {\n        agency {\n          id\n          name\n        }\n        inHouse\n        bucket\n        balanceBand\n        accounts\n        recoveryRate\n        contactRate\n        promisesKeptRate\n        collectedPerAccount {\n          amount\n          currency\n        }\n      }\n      totals {\n        agency {\n          id\n          name\n        }\n        inHouse\n        accounts\n        recoveryRate\n        contactRate\n        promisesKeptRate\n        collectedPerAccount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n": types.AgencyComparisonDocument,
    "\n  query AgencyPlacements($agencyId: ID, $status: PlacementStatus, $recallBy: Date, $buckets: [AgingBucket!]) {\n    placements(agencyId: $agencyId, status: $status, recallBy: $recallBy, buckets: $buckets, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          placedAt\n          recallDate\n          commissionRate\n          endReason\n          account {\n            id\n            externalRef\n            bucket\n            balance {\n              amount\n              currency\n            }\n            debtor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AgencyPlacementsDocument,
    "\n  query PlacementSummary($agencyId: ID) {\n    placementSummary(agencyId: $agencyId) {\n      active\n      recallsDueIn7Days\n      pendingExtensionRequests\n    }\n  }\n": types.PlacementSummaryDocument,
    "\n  query AgencyStatement($agencyId: ID!, $from: Date!, $to: Date!) {\n    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {\n      from\n      to\n      placedAccounts\n      payments\n      reversals\n      collected {\n        amount\n        currency\n      }\n      commission {\n        amount\n        currency\n      }\n    }\n  }\n": types.AgencyStatementDocument,
    "\n  mutation RequestPlacementExtension($placementId: ID!, $days: Int!, $reason: String!) {\n    requestPlacementExtension(placementId: $placementId, days: $days, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.RequestPlacementExtensionDocument,
    "\n  mutation ReturnAccount($accountId: ID!, $reason: ReturnReason!, $note: String) {\n    returnAccount(accountId: $accountId, reason: $reason, note: $note) {\n      id\n      status\n    }\n  }\n": types.ReturnAccountDocument,
    "\n  fragment AgentRow on Agent {\n    id\n    name\n    status\n    statusSince\n    agency {\n      code\n      name\n    }\n    queue {\n      id\n      name\n      campaign {\n        id\n        name\n      }\n    }\n    performance(window: TODAY) {\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      amountPromised {\n        amount\n        currency\n      }\n      amountCollected {\n        amount\n        currency\n      }\n      promisesKeptRate\n      attemptsPerLoggedInHour\n      averageHandleSeconds\n      occupancy\n      loggedInSeconds\n      contactsLastHour\n    }\n  }\n": types.AgentRowFragmentDoc,
    "\n  query Agents {\n    agents {\n      ...AgentRow\n    }\n    campaigns(status: RUNNING) {\n      id\n    }\n  }\n": types.AgentsDocument,
    "\n  subscription AgentsLive($campaignId: ID!) {\n    agentUpdated(campaignId: $campaignId) {\n      ...AgentRow\n    }\n  }\n": types.AgentsLiveDocument,
    "\n  query AnalyticsOptions {\n    campaigns {\n      id\n      name\n    }\n    agencies {\n      id\n      name\n    }\n  }\n": types.AnalyticsOptionsDocument,
    "\n  query Analytics($filter: AnalyticsFilter!, $from: Date!, $to: Date!, $agencyId: ID, $minAttempts: Int!) {\n    contactHeatmap(filter: $filter) {\n      channel\n      weekday\n      hour\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      collected {\n        amount\n        currency\n      }\n      collectedPerAttempt {\n        amount\n        currency\n      }\n    }\n    bestHours(filter: $filter, minAttempts: $minAttempts, limit: 5) {\n      channel\n      weekday\n      hour\n      attempts\n      rpcRate\n      promiseRate\n    }\n    attemptIntensity(filter: $filter) {\n      attemptNumber\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      orMore\n    }\n    scriptEffectiveness(filter: $filter) {\n      script\n      campaignNames\n      accounts\n      attempts\n      rightPartyContacts\n      promises\n      rpcRate\n      promiseRate\n      amountCollected {\n        amount\n        currency\n      }\n    }\n    rollRates(from: $from, to: $to, agencyId: $agencyId) {\n      fromBucket\n      toBucket\n      accounts\n      accountShare\n      balanceShare\n      paidOffAccounts\n    }\n    liquidationRates(from: $from, to: $to, agencyId: $agencyId) {\n      bucket\n      accounts\n      rate\n      balanceAtStart {\n        amount\n        currency\n      }\n      collected {\n        amount\n        currency\n      }\n    }\n  }\n": types.AnalyticsDocument,
    "\n  query ChampionChallenger($campaignId: ID!) {\n    championChallenger(campaignId: $campaignId) {\n      campaign {\n        id\n        name\n      }\n      champion {\n        ...VariantFigures\n      }\n      challenger {\n        ...VariantFigures\n      }\n      difference\n      confidenceLow\n      confidenceHigh\n      significant\n      statement\n    }\n  }\n\n  fragment VariantFigures on VariantResult {\n    variant\n    script\n    accounts\n    attempts\n    contacts\n    rightPartyContacts\n    promises\n    contactRate\n    rpcRate\n    promiseRate\n    amountCollected {\n      amount\n      currency\n    }\n  }\n": types.ChampionChallengerDocument,
    "\n  fragment CampaignRow on Campaign {\n    id\n    name\n    status\n    channel\n    dailyTarget {\n      amount\n      currency\n    }\n    queues {\n      id\n      size\n      remaining\n    }\n    kpis(window: TODAY) {\n      asOf\n      attempts\n      contactRate\n      promiseRate\n      promisesKeptRate\n      amountCollected {\n        amount\n        currency\n      }\n    }\n  }\n": types.CampaignRowFragmentDoc,
    "\n  query Campaigns {\n    campaigns {\n      ...CampaignRow\n    }\n  }\n": types.CampaignsDocument,
    "\n  query CampaignAgencies {\n    agencies {\n      id\n      code\n      name\n      partner\n    }\n  }\n": types.CampaignAgenciesDocument,
    "\n  query SegmentCount($filter: AccountFilter!) {\n    accounts(filter: $filter, first: 1) {\n      totalCount\n    }\n  }\n": types.SegmentCountDocument,
    "\n  mutation StartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      ...CampaignRow\n    }\n  }\n": types.StartCampaignDocument,
    "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      ...CampaignRow\n    }\n  }\n": types.PauseCampaignDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignRow\n    }\n  }\n": types.CreateCampaignDocument,
    "\n  fragment Kpis on Kpis {\n    asOf\n    attempts\n    contacts\n    rightPartyContacts\n    promises\n    promisesKept\n    promisesBroken\n    promisesPartiallyKept\n    contactRate\n    rpcRate\n    promiseRate\n    promisesKeptRate\n    youngDebtRecoveryRate\n    amountPromised {\n      amount\n      currency\n    }\n    amountCollected {\n      amount\n      currency\n    }\n    recoveryByBucket {\n      bucket\n      rate\n      collected {\n        amount\n        currency\n      }\n      outstandingAtStart {\n        amount\n        currency\n      }\n    }\n  }\n": types.KpisFragmentDoc,
    "\n  query FloorCampaigns {\n    campaigns {\n      id\n      name\n      status\n      dailyTarget {\n        amount\n        currency\n      }\n    }\n  }\n": types.FloorCampaignsDocument,
    "\n  query FloorKpis($scope: KpiScope!) {\n    kpis(scope: $scope, window: TODAY) {\n      ...Kpis\n    }\n  }\n": types.FloorKpisDocument,
    "\n  query FloorTrend($scope: KpiScope!, $step: Int) {\n    kpiTrend(scope: $scope, stepMinutes: $step) {\n      from\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      promisesKeptRate\n      youngDebtRecoveryRate\n      amountPromised {\n        amount\n        currency\n      }\n      amountCollected {\n        amount\n        currency\n      }\n    }\n  }\n": types.FloorTrendDocument,
    "\n  subscription FloorLive($scope: KpiScope!) {\n    kpiUpdated(scope: $scope, window: TODAY) {\n      ...Kpis\n    }\n  }\n": types.FloorLiveDocument,
    "\n  fragment BoardQueue on WorkQueue {\n    id\n    name\n    paused\n    priority\n    size\n    remaining\n    minutesToExhaust\n    campaign {\n      id\n      name\n    }\n    agents {\n      id\n      name\n      status\n    }\n    lastHour: kpis(window: LAST_HOUR) {\n      attempts\n      asOf\n    }\n    today: kpis(window: TODAY) {\n      contactRate\n      asOf\n    }\n  }\n": types.BoardQueueFragmentDoc,
    "\n  query RunningCampaigns {\n    campaigns(status: RUNNING) {\n      id\n      name\n    }\n  }\n": types.RunningCampaignsDocument,
    "\n  query Board($campaignId: ID!) {\n    workQueues(campaignId: $campaignId) {\n      ...BoardQueue\n    }\n  }\n": types.BoardDocument,
    "\n  subscription BoardLive($campaignId: ID!) {\n    queueUpdated(campaignId: $campaignId) {\n      ...BoardQueue\n    }\n  }\n": types.BoardLiveDocument,
    "\n  mutation AssignAgents($agentIds: [ID!]!, $queueId: ID!) {\n    assignAgents(agentIds: $agentIds, queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n": types.AssignAgentsDocument,
    "\n  mutation MoveAccounts($from: ID!, $to: ID!, $count: Int!) {\n    moveAccounts(fromQueueId: $from, toQueueId: $to, count: $count)\n  }\n": types.MoveAccountsDocument,
    "\n  mutation PauseQueue($queueId: ID!) {\n    pauseQueue(queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n": types.PauseQueueDocument,
    "\n  mutation ResumeQueue($queueId: ID!) {\n    resumeQueue(queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n": types.ResumeQueueDocument,
    "\n  mutation SetQueuePriority($queueId: ID!, $priority: Int!) {\n    setQueuePriority(queueId: $queueId, priority: $priority) {\n      ...BoardQueue\n    }\n  }\n": types.SetQueuePriorityDocument,
    "\n  query DemoTime {\n    operation {\n      now\n      demoClock {\n        active\n        offsetMs\n      }\n    }\n  }\n": types.DemoTimeDocument,
    "\n  query Viewer {\n    me {\n      role\n      agency {\n        id\n        code\n        name\n      }\n    }\n    operation {\n      timeZone\n      currency\n      businessDate\n      now\n      demoClock {\n        active\n        offsetMs\n      }\n    }\n  }\n": types.ViewerDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceFiltered($filter: AccountFilter!, $agencyId: ID!, $days: Int, $rate: String) {\n    placeAccounts(filter: $filter, agencyId: $agencyId, recallAfterDays: $days, commissionRate: $rate)\n  }\n"): typeof import('./graphql').PlaceFilteredDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecallFiltered($filter: AccountFilter!, $agencyId: ID!) {\n    recallAccounts(filter: $filter, agencyId: $agencyId)\n  }\n"): typeof import('./graphql').RecallFilteredDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Accounts($filter: AccountFilter, $first: Int, $after: String) {\n    accounts(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          externalRef\n          status\n          bucket\n          daysPastDue\n          balance {\n            amount\n            currency\n          }\n          debtor {\n            name\n            documentId\n          }\n          agency {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AccountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountAgencies {\n    agencies {\n      id\n      name\n      partner\n    }\n  }\n"): typeof import('./graphql').AccountAgenciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Case($id: ID!) {\n    account(id: $id) {\n      id\n      externalRef\n      status\n      bucket\n      daysPastDue\n      dueDate\n      balance {\n        amount\n        currency\n      }\n      originalAmount {\n        amount\n        currency\n      }\n      agency {\n        name\n      }\n      debtor {\n        name\n        documentId\n        phones\n        emails\n        timeZone\n        doNotContact\n      }\n      propensity {\n        score\n        factors {\n          factor\n          effect\n          detail\n          params {\n            bucket\n            days\n            count\n          }\n        }\n      }\n      queuePlace {\n        queue {\n          name\n          campaign {\n            name\n          }\n        }\n        score\n        expectedRecovery {\n          amount\n          currency\n        }\n        variant\n        nextAttemptAt\n        skippedBecause\n        reservedBy {\n          name\n        }\n      }\n      contactCheck {\n        allowed\n        reasons\n        nextOpportunity\n      }\n      interactions {\n        id\n        startedAt\n        channel\n        disposition\n        durationSeconds\n        agent {\n          name\n        }\n        promise {\n          id\n          amount {\n            amount\n            currency\n          }\n          dueDate\n          status\n        }\n      }\n      promises {\n        id\n        amount {\n          amount\n          currency\n        }\n        dueDate\n        status\n      }\n      payments {\n        id\n        amount {\n          amount\n          currency\n        }\n        paidAt\n        reference\n      }\n      offers {\n        kind\n        amount {\n          amount\n          currency\n        }\n        instalments\n        instalmentAmount {\n          amount\n          currency\n        }\n        discountRate\n        validUntil\n        description\n        balance {\n          amount\n          currency\n        }\n        discount {\n          amount\n          currency\n        }\n        firstInstalment {\n          amount\n          currency\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PartnerAgencies {\n    agencies {\n      id\n      code\n      name\n      partner\n    }\n  }\n"): typeof import('./graphql').PartnerAgenciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgencyRow($agencyId: ID!, $from: Date!, $to: Date!) {\n    placementSummary(agencyId: $agencyId) {\n      active\n      recallsDueIn7Days\n      pendingExtensionRequests\n    }\n    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {\n      placedAccounts\n      collected {\n        amount\n        currency\n      }\n      commission {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').AgencyRowDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExtensionRequests {\n    placementExtensionRequests(status: PENDING) {\n      id\n      days\n      reason\n      requestedAt\n      placement {\n        id\n        recallDate\n        agency {\n          name\n        }\n        account {\n          externalRef\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ExtensionRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecidePlacementExtension($requestId: ID!, $approve: Boolean!) {\n    decidePlacementExtension(requestId: $requestId, approve: $approve) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').DecidePlacementExtensionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgencyComparison($from: Date!, $to: Date!) {\n    agencyComparison(from: $from, to: $to) {\n      currency\n      rows {\n        agency {\n          id\n          name\n        }\n        inHouse\n        bucket\n        balanceBand\n        accounts\n        recoveryRate\n        contactRate\n        promisesKeptRate\n        collectedPerAccount {\n          amount\n          currency\n        }\n      }\n      totals {\n        agency {\n          id\n          name\n        }\n        inHouse\n        accounts\n        recoveryRate\n        contactRate\n        promisesKeptRate\n        collectedPerAccount {\n          amount\n          currency\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AgencyComparisonDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgencyPlacements($agencyId: ID, $status: PlacementStatus, $recallBy: Date, $buckets: [AgingBucket!]) {\n    placements(agencyId: $agencyId, status: $status, recallBy: $recallBy, buckets: $buckets, first: 200) {\n      totalCount\n      edges {\n        node {\n          id\n          status\n          placedAt\n          recallDate\n          commissionRate\n          endReason\n          account {\n            id\n            externalRef\n            bucket\n            balance {\n              amount\n              currency\n            }\n            debtor {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AgencyPlacementsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlacementSummary($agencyId: ID) {\n    placementSummary(agencyId: $agencyId) {\n      active\n      recallsDueIn7Days\n      pendingExtensionRequests\n    }\n  }\n"): typeof import('./graphql').PlacementSummaryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgencyStatement($agencyId: ID!, $from: Date!, $to: Date!) {\n    agencyStatement(agencyId: $agencyId, from: $from, to: $to) {\n      from\n      to\n      placedAccounts\n      payments\n      reversals\n      collected {\n        amount\n        currency\n      }\n      commission {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').AgencyStatementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPlacementExtension($placementId: ID!, $days: Int!, $reason: String!) {\n    requestPlacementExtension(placementId: $placementId, days: $days, reason: $reason) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').RequestPlacementExtensionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnAccount($accountId: ID!, $reason: ReturnReason!, $note: String) {\n    returnAccount(accountId: $accountId, reason: $reason, note: $note) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ReturnAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentRow on Agent {\n    id\n    name\n    status\n    statusSince\n    agency {\n      code\n      name\n    }\n    queue {\n      id\n      name\n      campaign {\n        id\n        name\n      }\n    }\n    performance(window: TODAY) {\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      amountPromised {\n        amount\n        currency\n      }\n      amountCollected {\n        amount\n        currency\n      }\n      promisesKeptRate\n      attemptsPerLoggedInHour\n      averageHandleSeconds\n      occupancy\n      loggedInSeconds\n      contactsLastHour\n    }\n  }\n"): typeof import('./graphql').AgentRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Agents {\n    agents {\n      ...AgentRow\n    }\n    campaigns(status: RUNNING) {\n      id\n    }\n  }\n"): typeof import('./graphql').AgentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AgentsLive($campaignId: ID!) {\n    agentUpdated(campaignId: $campaignId) {\n      ...AgentRow\n    }\n  }\n"): typeof import('./graphql').AgentsLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AnalyticsOptions {\n    campaigns {\n      id\n      name\n    }\n    agencies {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').AnalyticsOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Analytics($filter: AnalyticsFilter!, $from: Date!, $to: Date!, $agencyId: ID, $minAttempts: Int!) {\n    contactHeatmap(filter: $filter) {\n      channel\n      weekday\n      hour\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      collected {\n        amount\n        currency\n      }\n      collectedPerAttempt {\n        amount\n        currency\n      }\n    }\n    bestHours(filter: $filter, minAttempts: $minAttempts, limit: 5) {\n      channel\n      weekday\n      hour\n      attempts\n      rpcRate\n      promiseRate\n    }\n    attemptIntensity(filter: $filter) {\n      attemptNumber\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      orMore\n    }\n    scriptEffectiveness(filter: $filter) {\n      script\n      campaignNames\n      accounts\n      attempts\n      rightPartyContacts\n      promises\n      rpcRate\n      promiseRate\n      amountCollected {\n        amount\n        currency\n      }\n    }\n    rollRates(from: $from, to: $to, agencyId: $agencyId) {\n      fromBucket\n      toBucket\n      accounts\n      accountShare\n      balanceShare\n      paidOffAccounts\n    }\n    liquidationRates(from: $from, to: $to, agencyId: $agencyId) {\n      bucket\n      accounts\n      rate\n      balanceAtStart {\n        amount\n        currency\n      }\n      collected {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').AnalyticsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChampionChallenger($campaignId: ID!) {\n    championChallenger(campaignId: $campaignId) {\n      campaign {\n        id\n        name\n      }\n      champion {\n        ...VariantFigures\n      }\n      challenger {\n        ...VariantFigures\n      }\n      difference\n      confidenceLow\n      confidenceHigh\n      significant\n      statement\n    }\n  }\n\n  fragment VariantFigures on VariantResult {\n    variant\n    script\n    accounts\n    attempts\n    contacts\n    rightPartyContacts\n    promises\n    contactRate\n    rpcRate\n    promiseRate\n    amountCollected {\n      amount\n      currency\n    }\n  }\n"): typeof import('./graphql').ChampionChallengerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignRow on Campaign {\n    id\n    name\n    status\n    channel\n    dailyTarget {\n      amount\n      currency\n    }\n    queues {\n      id\n      size\n      remaining\n    }\n    kpis(window: TODAY) {\n      asOf\n      attempts\n      contactRate\n      promiseRate\n      promisesKeptRate\n      amountCollected {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').CampaignRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns {\n    campaigns {\n      ...CampaignRow\n    }\n  }\n"): typeof import('./graphql').CampaignsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignAgencies {\n    agencies {\n      id\n      code\n      name\n      partner\n    }\n  }\n"): typeof import('./graphql').CampaignAgenciesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentCount($filter: AccountFilter!) {\n    accounts(filter: $filter, first: 1) {\n      totalCount\n    }\n  }\n"): typeof import('./graphql').SegmentCountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartCampaign($id: ID!) {\n    startCampaign(id: $id) {\n      ...CampaignRow\n    }\n  }\n"): typeof import('./graphql').StartCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseCampaign($id: ID!) {\n    pauseCampaign(id: $id) {\n      ...CampaignRow\n    }\n  }\n"): typeof import('./graphql').PauseCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignRow\n    }\n  }\n"): typeof import('./graphql').CreateCampaignDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment Kpis on Kpis {\n    asOf\n    attempts\n    contacts\n    rightPartyContacts\n    promises\n    promisesKept\n    promisesBroken\n    promisesPartiallyKept\n    contactRate\n    rpcRate\n    promiseRate\n    promisesKeptRate\n    youngDebtRecoveryRate\n    amountPromised {\n      amount\n      currency\n    }\n    amountCollected {\n      amount\n      currency\n    }\n    recoveryByBucket {\n      bucket\n      rate\n      collected {\n        amount\n        currency\n      }\n      outstandingAtStart {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').KpisFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorCampaigns {\n    campaigns {\n      id\n      name\n      status\n      dailyTarget {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').FloorCampaignsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorKpis($scope: KpiScope!) {\n    kpis(scope: $scope, window: TODAY) {\n      ...Kpis\n    }\n  }\n"): typeof import('./graphql').FloorKpisDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FloorTrend($scope: KpiScope!, $step: Int) {\n    kpiTrend(scope: $scope, stepMinutes: $step) {\n      from\n      attempts\n      contacts\n      rightPartyContacts\n      promises\n      contactRate\n      rpcRate\n      promiseRate\n      promisesKeptRate\n      youngDebtRecoveryRate\n      amountPromised {\n        amount\n        currency\n      }\n      amountCollected {\n        amount\n        currency\n      }\n    }\n  }\n"): typeof import('./graphql').FloorTrendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FloorLive($scope: KpiScope!) {\n    kpiUpdated(scope: $scope, window: TODAY) {\n      ...Kpis\n    }\n  }\n"): typeof import('./graphql').FloorLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BoardQueue on WorkQueue {\n    id\n    name\n    paused\n    priority\n    size\n    remaining\n    minutesToExhaust\n    campaign {\n      id\n      name\n    }\n    agents {\n      id\n      name\n      status\n    }\n    lastHour: kpis(window: LAST_HOUR) {\n      attempts\n      asOf\n    }\n    today: kpis(window: TODAY) {\n      contactRate\n      asOf\n    }\n  }\n"): typeof import('./graphql').BoardQueueFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunningCampaigns {\n    campaigns(status: RUNNING) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').RunningCampaignsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($campaignId: ID!) {\n    workQueues(campaignId: $campaignId) {\n      ...BoardQueue\n    }\n  }\n"): typeof import('./graphql').BoardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardLive($campaignId: ID!) {\n    queueUpdated(campaignId: $campaignId) {\n      ...BoardQueue\n    }\n  }\n"): typeof import('./graphql').BoardLiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignAgents($agentIds: [ID!]!, $queueId: ID!) {\n    assignAgents(agentIds: $agentIds, queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n"): typeof import('./graphql').AssignAgentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveAccounts($from: ID!, $to: ID!, $count: Int!) {\n    moveAccounts(fromQueueId: $from, toQueueId: $to, count: $count)\n  }\n"): typeof import('./graphql').MoveAccountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PauseQueue($queueId: ID!) {\n    pauseQueue(queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n"): typeof import('./graphql').PauseQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResumeQueue($queueId: ID!) {\n    resumeQueue(queueId: $queueId) {\n      ...BoardQueue\n    }\n  }\n"): typeof import('./graphql').ResumeQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetQueuePriority($queueId: ID!, $priority: Int!) {\n    setQueuePriority(queueId: $queueId, priority: $priority) {\n      ...BoardQueue\n    }\n  }\n"): typeof import('./graphql').SetQueuePriorityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoTime {\n    operation {\n      now\n      demoClock {\n        active\n        offsetMs\n      }\n    }\n  }\n"): typeof import('./graphql').DemoTimeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      role\n      agency {\n        id\n        code\n        name\n      }\n    }\n    operation {\n      timeZone\n      currency\n      businessDate\n      now\n      demoClock {\n        active\n        offsetMs\n      }\n    }\n  }\n"): typeof import('./graphql').ViewerDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
