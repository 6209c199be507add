import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminRoute, ErrorResponseDto } from '#common';
import { AccountsService } from '../accounts.service.js';
import { AnymarketAccountDto, ListAccountsQuery } from '../dto/anymarket-account.dto.js';

@ApiTags('admin: ANYMARKET accounts')
@AdminRoute()
@Controller('admin/accounts')
export class AdminAccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'ANYMARKET accounts stored by saveAccount (never their token)' })
  @ApiOkResponse({ type: [AnymarketAccountDto] })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async list(@Query() query: ListAccountsQuery): Promise<AnymarketAccountDto[]> {
    return (await this.accounts.listForAdmin(query)).map(({ account, link }) => AnymarketAccountDto.from(account, link));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One ANYMARKET account' })
  @ApiOkResponse({ type: AnymarketAccountDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param('id', ParseIntPipe) id: number): Promise<AnymarketAccountDto> {
    const { account, link } = await this.accounts.getForAdmin(id);
    return AnymarketAccountDto.from(account, link);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stop acting for an account',
    description: 'ANYMARKET can turn it on again by saving the module with active=true; revoke the seller link to shut the seller out.',
  })
  @ApiOkResponse({ type: AnymarketAccountDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async deactivate(@Param('id', ParseIntPipe) id: number): Promise<AnymarketAccountDto> {
    const { account, link } = await this.accounts.deactivate(id);
    return AnymarketAccountDto.from(account, link);
  }
}
